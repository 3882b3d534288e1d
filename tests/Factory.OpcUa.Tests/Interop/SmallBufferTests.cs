using Factory.OpcUa.Client;
using Factory.OpcUa.Encoding;
using Factory.OpcUa.SecureChannel;
using Factory.OpcUa.Services;
using Factory.OpcUa.Transport;

namespace Factory.OpcUa.Tests.Interop;

/// <summary>8 KiB buffers on both sides, so large messages travel in many chunks in both directions.</summary>
public sealed class SmallBufferTests : IAsyncLifetime
{
    private NodeOpcUaServer? _server;

    public async Task InitializeAsync() => _server = await NodeOpcUaServer.StartAsync("--buffer", "8192", "--items", "400", "--rate", "100");

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    [Fact]
    public async Task Large_values_and_publish_responses_travel_in_many_chunks()
    {
        var server = _server!;
        var options = new OpcUaClientOptions
        {
            Endpoint = server.Endpoint,
            Channel = new SecureChannelOptions { TransportLimits = new TransportLimits(8192, 8192, 16 * 1024 * 1024, 0) },
        };
        await using var client = await OpcUaClient.ConnectAsync(options);
        Assert.Equal(8192, client.Channel!.PeerLimits.ReceiveBufferSize);

        // A 40 000-element array is ~320 KB: about 40 chunks out and 40 back.
        var ns = (ushort)client.NamespaceUris.ToList().IndexOf("urn://node-opcua-simulator");
        var arrays = await client.BrowseAsync(new NodeId("Static_Array", ns));
        var doubles = arrays.First(r => r.BrowseName.Name == "Double").NodeId.NodeId;
        var big = Enumerable.Range(0, 40_000).Select(i => i * 0.5).ToArray();
        Assert.True((await client.WriteValueAsync(doubles, new Variant(BuiltInType.Double, big))).IsGood);
        var back = await client.ReadValueAsync(doubles);
        Assert.Equal(big, (double[])back.Value.Value!);

        var subscription = await client.CreateSubscriptionAsync(new SubscriptionOptions { PublishingInterval = 200 });
        await subscription.AddMonitoredItemsAsync(
            Enumerable.Range(0, 400).Select(i => new MonitoredItemOptions(new NodeId($"Counter{i}", server.NamespaceIndex)) { SamplingInterval = 0, QueueSize = 10 }));
        var check = new CounterCheck();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(3));
        try
        {
            await foreach (var value in subscription.ReadAllAsync(timeout.Token))
            {
                check.Add(value);
            }
        }
        catch (OperationCanceledException)
        {
        }

        Assert.Equal(400, check.ItemsSeen);
        Assert.Empty(check.Gaps);
        Assert.True(check.Count >= 400 * 3, $"{check.Count} notifications");
    }

    [Fact]
    public async Task A_request_beyond_the_server_chunk_limit_is_refused_before_sending()
    {
        await using var limited = await NodeOpcUaServer.StartAsync("--buffer", "8192", "--max-chunks", "4", "--no-conformance", "--items", "1");
        await using var client = await OpcUaClient.ConnectAsync(new OpcUaClientOptions
        {
            Endpoint = limited.Endpoint,
            Channel = new SecureChannelOptions { TransportLimits = new TransportLimits(8192, 8192, 16 * 1024 * 1024, 0) },
        });
        var error = await Assert.ThrowsAsync<ServiceResultException>(() =>
            client.WriteValueAsync(new NodeId("Setpoint", limited.NamespaceIndex), new Variant(BuiltInType.Double, new double[10_000])));
        Assert.Equal(StatusCodes.BadRequestTooLarge, error.StatusCode.Code);
        Assert.Equal(ConnectionState.Connected, client.State);
        Assert.True((await client.ReadValueAsync(new NodeId("Setpoint", limited.NamespaceIndex))).StatusCode.IsGood);
    }
}
