using Factory.OpcUa.Client;
using Factory.OpcUa.Encoding;
using Factory.OpcUa.Services;

namespace Factory.OpcUa.Tests.Interop;

[Collection(NodeOpcUaCollection.Name)]
public sealed class SubscriptionTests(NodeOpcUaFixture fixture)
{
    private NodeOpcUaServer Server => fixture.Server;

    [Fact]
    public async Task Subscribing_to_changing_values_for_ten_seconds_shows_no_gap()
    {
        await using var client = await OpcUaClient.ConnectAsync(new OpcUaClientOptions { Endpoint = Server.Endpoint });
        var states = new System.Collections.Concurrent.ConcurrentQueue<string>();
        client.StateChanged += (_, e) => states.Enqueue($"{e.Current} ({e.Recovery}) at {DateTime.UtcNow:HH:mm:ss.fff}");
        var subscription = await client.CreateSubscriptionAsync(new SubscriptionOptions { PublishingInterval = 100 });
        var items = await subscription.AddMonitoredItemsAsync(
            Enumerable.Range(0, 20).Select(i => new MonitoredItemOptions(new NodeId($"Counter{i}", Server.NamespaceIndex)) { SamplingInterval = 0, QueueSize = 20 }));
        Assert.All(items, i => Assert.True(i.Status.IsGood, i.Status.Name));
        var check = new CounterCheck();
        var sequences = new List<uint>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await foreach (var value in subscription.ReadAllAsync(timeout.Token))
            {
                check.Add(value);
                if (sequences.Count == 0 || sequences[^1] != value.SequenceNumber)
                {
                    sequences.Add(value.SequenceNumber);
                }

                Assert.True(value.Value.SourceTimestamp != DateTime.MinValue, $"no source timestamp on {value.NodeId} = {value.Value.Value} ({value.Value.StatusCode}) in message {value.SequenceNumber}");
                Assert.Equal(new NodeId($"Counter{items.First(i => i.ClientHandle == value.ClientHandle).NodeId.Identifier.ToString()!["Counter".Length..]}", Server.NamespaceIndex), value.NodeId);
            }
        }
        catch (OperationCanceledException)
        {
        }

        // Connection state changes (a reconnect is allowed, a loss is not) explain a failure on a loaded machine.
        var history = $"connection states: [{string.Join(", ", states)}], ended at {DateTime.UtcNow:HH:mm:ss.fff}";
        Assert.True(check.Gaps.Count == 0, $"gaps: {string.Join("; ", check.Gaps)}; {history}");
        Assert.True(check.ItemsSeen == 20, $"{check.ItemsSeen} of 20 items seen; {history}");
        Assert.True(check.Count >= 20 * 50, $"only {check.Count} notifications in 10 s; {history}");
        Assert.Equal(Enumerable.Range((int)sequences[0], sequences.Count).Select(i => (uint)i), sequences);
        Assert.Equal(0, subscription.LostMessageCount);
        await subscription.DeleteAsync();
    }

    [Fact]
    public async Task Absolute_deadband_filters_small_changes_and_items_can_be_modified_and_removed()
    {
        await using var client = await OpcUaClient.ConnectAsync(new OpcUaClientOptions { Endpoint = Server.Endpoint });
        var subscription = await client.CreateSubscriptionAsync(new SubscriptionOptions { PublishingInterval = 100 });
        var item = (await subscription.AddMonitoredItemsAsync(
            [new MonitoredItemOptions(new NodeId("Counter0", Server.NamespaceIndex)) { SamplingInterval = 0, QueueSize = 50, Deadband = Deadband.Absolute, DeadbandValue = 2.5 }]))[0];
        Assert.True(item.Status.IsGood, item.Status.Name);
        var values = await Collect(subscription, TimeSpan.FromSeconds(2));
        Assert.True(values.Count >= 3, $"{values.Count} values");
        for (var i = 1; i < values.Count; i++)
        {
            Assert.True(values[i] - values[i - 1] >= 3, string.Join(",", values));
        }

        await subscription.ModifyMonitoredItemsAsync([(item, item.Options with { Deadband = Deadband.None, DeadbandValue = 0 })]);
        Assert.True(item.Status.IsGood, item.Status.Name);
        var unfiltered = await Collect(subscription, TimeSpan.FromSeconds(1.5));
        Assert.Contains(unfiltered.Zip(unfiltered.Skip(1)), p => p.Second - p.First == 1);

        await subscription.ModifyAsync(subscription.Options with { PublishingInterval = 200 });
        Assert.Equal(200, subscription.RevisedPublishingInterval);
        await subscription.RemoveMonitoredItemsAsync([item]);
        Assert.Empty(subscription.Items);
        await subscription.DeleteAsync();
        while (subscription.Values.TryRead(out _))
        {
        }

        await subscription.Values.Completion.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Percent_deadband_needs_an_analog_item()
    {
        await using var client = await OpcUaClient.ConnectAsync(new OpcUaClientOptions { Endpoint = Server.Endpoint });
        var ns = (ushort)client.NamespaceUris.ToList().IndexOf("urn://node-opcua-simulator");
        var subscription = await client.CreateSubscriptionAsync(new SubscriptionOptions { PublishingInterval = 100 });
        var items = await subscription.AddMonitoredItemsAsync(
        [
            new MonitoredItemOptions(new NodeId("DoubleAnalogDataItemWithEU", ns)) { Deadband = Deadband.Percent, DeadbandValue = 10 },
            new MonitoredItemOptions(new NodeId("Counter0", Server.NamespaceIndex)) { Deadband = Deadband.Percent, DeadbandValue = 10 },
        ]);
        Assert.True(items[0].Status.IsGood, items[0].Status.Name);
        Assert.True(items[1].Status.IsBad, items[1].Status.Name);
    }

    private static async Task<List<int>> Collect(Subscription subscription, TimeSpan duration)
    {
        var values = new List<int>();
        using var timeout = new CancellationTokenSource(duration);
        try
        {
            await foreach (var value in subscription.ReadAllAsync(timeout.Token))
            {
                if (value.Value.Value.Value is int v)
                {
                    values.Add(v);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }

        return values;
    }
}
