using Factory.OpcUa.Client;

namespace Factory.OpcUa.Tests.Client;

public sealed class NotificationQueueTests
{
    [Fact]
    public async Task Values_come_out_in_order_and_completion_follows_the_last_read()
    {
        var queue = new NotificationQueue<int>(0);
        var reader = Task.Run(async () =>
        {
            var seen = new List<int>();
            await foreach (var v in queue.ReadAllAsync())
            {
                seen.Add(v);
            }

            return seen;
        });
        for (var batch = 0; batch < 100; batch++)
        {
            await queue.WriteAsync(Enumerable.Range(batch * 10, 10).ToArray(), CancellationToken.None);
        }

        queue.Complete(null);
        Assert.Equal(Enumerable.Range(0, 1000), await reader.WaitAsync(TimeSpan.FromSeconds(5)));
        await queue.Completion.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task A_bounded_queue_makes_the_writer_wait_for_the_reader()
    {
        var queue = new NotificationQueue<int>(5);
        var write = queue.WriteAsync(Enumerable.Range(0, 12).ToArray(), CancellationToken.None).AsTask();
        await Task.Delay(50);
        Assert.False(write.IsCompleted);
        Assert.Equal(5, queue.Count);
        var read = new List<int>();
        while (read.Count < 12)
        {
            if (queue.TryRead(out var v))
            {
                read.Add(v);
            }
            else
            {
                await queue.WaitToReadAsync();
            }
        }

        await write.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(Enumerable.Range(0, 12), read);
    }

    [Fact]
    public async Task Completing_with_an_error_surfaces_it_to_readers()
    {
        var queue = new NotificationQueue<int>(0);
        queue.Complete(new InvalidOperationException("lost"));
        await Assert.ThrowsAsync<InvalidOperationException>(async () => await queue.WaitToReadAsync());
        await Assert.ThrowsAsync<InvalidOperationException>(() => queue.Completion);
    }
}
