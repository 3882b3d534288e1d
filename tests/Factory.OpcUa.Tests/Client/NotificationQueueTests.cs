using Factory.OpcUa.Client;
using FsCheck.Xunit;

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

    /// <summary>Writes of any size interleaved with reads of any count (the ring wraps and grows) keep the order.</summary>
    [Property(MaxTest = 300)]
    public bool Interleaved_writes_and_reads_keep_the_order(byte[] steps)
    {
        var queue = new NotificationQueue<string>(0);
        var next = 0;
        var expected = 0;
        foreach (var step in steps)
        {
            var write = Enumerable.Range(next, step % 40).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
            next += write.Length;
            if (!queue.WriteAsync(write, CancellationToken.None).IsCompletedSuccessfully)
            {
                return false;
            }

            for (var r = 0; r < step / 8 && queue.TryRead(out var value); r++)
            {
                if (value != expected++.ToString(System.Globalization.CultureInfo.InvariantCulture))
                {
                    return false;
                }
            }

            if (queue.Count != next - expected)
            {
                return false;
            }
        }

        while (queue.TryRead(out var value))
        {
            if (value != expected++.ToString(System.Globalization.CultureInfo.InvariantCulture))
            {
                return false;
            }
        }

        return expected == next;
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
