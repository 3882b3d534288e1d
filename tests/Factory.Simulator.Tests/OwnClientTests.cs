using Factory.Domain.PackMl;
using Factory.OpcUa.Client;
using Factory.OpcUa.Encoding;
using Factory.OpcUa.Server;
using Factory.OpcUa.Services;

namespace Factory.Simulator.Tests;

/// <summary>Factory.OpcUa's client against Factory.OpcUa's server and the simulator.</summary>
public sealed class OwnClientTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);

    private static Task<PlantSimulator> StartAsync(TimeSpan? cycle = null) => PlantSimulator.StartAsync(new SimulatorOptions
    {
        Machines =
        [
            new SimulatedMachineSpec("M1", "L1", cycle ?? TimeSpan.FromMilliseconds(100)),
            new SimulatedMachineSpec("M2", "L1", TimeSpan.FromSeconds(10), PackMlState.Idle),
        ],
        Port = 0,
        TickInterval = TimeSpan.FromMilliseconds(20),
        MeanTimeBetweenFailures = TimeSpan.Zero,
        ActingStateDuration = TimeSpan.FromMilliseconds(200),
        Users = new Dictionary<string, string> { ["operator"] = "secret" },
    });

    private static Task<OpcUaClient> ConnectAsync(string url, UserIdentity? identity = null) =>
        OpcUaClient.ConnectAsync(new OpcUaClientOptions { Endpoint = new Uri(url), Identity = identity ?? UserIdentity.Anonymous });

    [Fact]
    public async Task Browse_resolve_read_and_the_operation_limits()
    {
        await using var sim = await StartAsync();
        await using var client = await ConnectAsync(sim.EndpointUrl);

        var objects = await client.BrowseAsync(AddressSpace.ObjectsFolder);
        Assert.Contains(objects, r => r.BrowseName == new QualifiedName(2, "Plant") && r.NodeClass == NodeClass.Object);
        Assert.Contains(objects, r => r.NodeId.NodeId == new NodeId(2253u));

        var resolved = await client.ResolvePathAsync(AddressSpace.ObjectsFolder, [new QualifiedName(2, "Plant"), new QualifiedName(2, "L1"), new QualifiedName(2, "M2"), new QualifiedName(2, "State")]);
        Assert.Equal(sim.NodeIdFor("M2", MachineTags.State), resolved);
        Assert.Equal("/Objects/2:Plant/2:L1/2:M2/2:State", sim.BrowsePathFor("M2", MachineTags.State));

        var values = await client.ReadValuesAsync([sim.NodeIdFor("M2", MachineTags.State), sim.NodeIdFor("M2", MachineTags.StateCurrent), sim.NodeIdFor("M2", MachineTags.SpeedSetpoint), new NodeId(2259u), new NodeId("nope", 2)]);
        Assert.Equal("Idle", values[0].Value.Value);
        Assert.Equal((int)PackMlState.Idle, values[1].Value.Value);
        Assert.Equal(6d, values[2].Value.Value);
        Assert.Equal((int)ServerState.Running, values[3].Value.Value);
        Assert.Equal(StatusCodes.BadNodeIdUnknown, values[4].StatusCode.Code);
        Assert.Equal(10_000, client.Limits.MaxNodesPerRead);
        Assert.Equal(PlantSimulator.NamespaceUri, client.NamespaceUris[2]);
    }

    [Fact]
    public async Task Browsing_in_small_pages_follows_continuation_points()
    {
        await using var sim = await StartAsync();
        await using var client = await ConnectAsync(sim.EndpointUrl);
        var machine = sim.NodeIdFor("M1", MachineTags.State).ToString().Replace(".State", string.Empty, StringComparison.Ordinal);
        var description = new BrowseDescription
        {
            NodeId = NodeId.Parse(machine),
            BrowseDirection = BrowseDirection.Forward,
            ReferenceTypeId = new NodeId(ReferenceTypes.HierarchicalReferences),
            IncludeSubtypes = true,
            ResultMask = 63,
        };
        var paged = (await client.BrowseAsync([description], maxReferencesPerNode: 3))[0];
        var whole = (await client.BrowseAsync([description]))[0];
        Assert.Equal(MachineTags.All, paged.Select(r => r.BrowseName.Name));
        Assert.Equal(whole.Select(r => r.NodeId), paged.Select(r => r.NodeId));
        Assert.All(paged, r => Assert.Equal(NodeClass.Variable, r.NodeClass));
    }

    [Fact]
    public async Task Commands_obey_PackML_and_refused_or_wrong_writes_change_nothing()
    {
        await using var sim = await StartAsync();
        var m2 = sim.Machines["M2"];
        await using (var anonymous = await ConnectAsync(sim.EndpointUrl))
        {
            // Anonymous sessions may read but not command: a command would bypass the host's roles and audit.
            Assert.Equal(StatusCodes.BadUserAccessDenied, (await anonymous.WriteValueAsync(sim.NodeIdFor("M2", MachineTags.Command), new Variant((int)PackMlCommand.Start))).Code);
            Assert.Equal(StatusCodes.BadUserAccessDenied, (await anonymous.WriteValueAsync(sim.NodeIdFor("M2", MachineTags.JobId), new Variant("WO-1/10"))).Code);
            Assert.Equal(PackMlState.Idle, m2.State);
            Assert.Equal("Idle", (await anonymous.ReadValueAsync(sim.NodeIdFor("M2", MachineTags.State))).Value.Value);
        }

        await using var client = await ConnectAsync(sim.EndpointUrl, UserIdentity.FromUserName("operator", "secret"));
        Assert.Equal(StatusCodes.BadInvalidState, (await client.WriteValueAsync(sim.NodeIdFor("M2", MachineTags.Command), new Variant((int)PackMlCommand.Unhold))).Code);
        Assert.Equal(StatusCodes.BadOutOfRange, (await client.WriteValueAsync(sim.NodeIdFor("M2", MachineTags.Command), new Variant(99))).Code);
        Assert.Equal(StatusCodes.BadOutOfRange, (await client.WriteValueAsync(sim.NodeIdFor("M2", MachineTags.CommandName), new Variant("Fly"))).Code);
        Assert.Equal(StatusCodes.BadTypeMismatch, (await client.WriteValueAsync(sim.NodeIdFor("M2", MachineTags.Command), new Variant("Start"))).Code);
        Assert.Equal(StatusCodes.BadNotWritable, (await client.WriteValueAsync(sim.NodeIdFor("M2", MachineTags.ProducedCount), new Variant(5u))).Code);
        Assert.Equal(StatusCodes.BadOutOfRange, (await client.WriteValueAsync(sim.NodeIdFor("M2", MachineTags.SpeedSetpoint), new Variant(-1d))).Code);
        Assert.Equal(PackMlState.Idle, m2.State);

        Assert.True((await client.WriteValueAsync(sim.NodeIdFor("M2", MachineTags.SpeedSetpoint), new Variant(4.5))).IsGood);
        Assert.Equal(4.5, m2.SpeedSetpoint);
        Assert.True((await client.WriteValueAsync(sim.NodeIdFor("M2", MachineTags.Command), new Variant((int)PackMlCommand.Start))).IsGood);
        Assert.Equal(PackMlState.Starting, m2.State);
        await WaitUntil(() => m2.State == PackMlState.Execute);
        Assert.Equal("Execute", (await client.ReadValueAsync(sim.NodeIdFor("M2", MachineTags.State))).Value.Value);
        Assert.True((await client.WriteValueAsync(sim.NodeIdFor("M2", MachineTags.CommandName), new Variant("stop"))).IsGood);
        await WaitUntil(() => m2.State == PackMlState.Stopped);
    }

    [Fact]
    public async Task Closing_with_publish_requests_parked_closes_without_trying_to_reconnect()
    {
        // #21, item 12: "opcua subscribe --duration 3" ended with "Reconnecting: BadSessionClosed". Closing the session
        // makes the server fail the parked Publish requests, and that is the close asked for, not a lost connection.
        await using var sim = await StartAsync();
        var client = await ConnectAsync(sim.EndpointUrl);
        var states = new List<ConnectionState>();
        client.StateChanged += (_, e) =>
        {
            lock (states)
            {
                states.Add(e.Current);
            }
        };
        var subscription = await client.CreateSubscriptionAsync(new SubscriptionOptions { PublishingInterval = 50 });
        await subscription.AddMonitoredItemsAsync([new MonitoredItemOptions(sim.NodeIdFor("M1", MachineTags.ProducedCount))]);
        using var timeout = new CancellationTokenSource(Wait);
        await foreach (var _ in subscription.ReadAllAsync(timeout.Token))
        {
            break;
        }

        await client.DisposeAsync();
        await Task.Delay(300); // a late Publish failure would arrive now
        lock (states)
        {
            Assert.Equal([ConnectionState.Closed], states);
        }

        Assert.Equal(0, client.ReconnectCount);
    }

    [Fact]
    public async Task Subscriptions_deliver_changes_with_source_timestamps_and_survive_a_dropped_connection()
    {
        await using var sim = await StartAsync();
        await using var client = await ConnectAsync(sim.EndpointUrl);
        var subscription = await client.CreateSubscriptionAsync(new SubscriptionOptions { PublishingInterval = 50 });
        var items = await subscription.AddMonitoredItemsAsync([new MonitoredItemOptions(sim.NodeIdFor("M1", MachineTags.ProducedCount)) { QueueSize = 100 }]);
        Assert.True(items[0].Status.IsGood);

        var seen = new List<DataValue>();
        using var timeout = new CancellationTokenSource(Wait);
        await foreach (var value in subscription.ReadAllAsync(timeout.Token))
        {
            seen.Add(value.Value);
            if (seen.Count >= 10)
            {
                break;
            }
        }

        var counts = seen.Select(v => (uint)v.Value.Value!).ToList();
        Assert.Equal(counts.Order(), counts);
        Assert.Equal(counts.Count, counts.Distinct().Count());
        Assert.All(seen.Zip(seen.Skip(1)), p => Assert.True(p.Second.SourceTimestamp > p.First.SourceTimestamp));

        // The connection drops: the client reconnects, reactivates its session and the data keeps coming.
        var before = counts[^1];
        sim.Server.DropConnections();
        uint after = 0;
        using var timeout2 = new CancellationTokenSource(Wait);
        await foreach (var value in subscription.ReadAllAsync(timeout2.Token))
        {
            after = (uint)value.Value.Value.Value!;
            if (after > before + 20)
            {
                break;
            }
        }

        Assert.True(after > before + 20);
    }

    [Fact]
    public async Task Absolute_deadband_filters_small_changes()
    {
        await using var server = await OpcUaServer.StartAsync(new OpcUaServerOptions { Port = 0 });
        var node = server.AddressSpace.AddVariable(AddressSpace.ObjectsFolder, new NodeId("Level", 1), new QualifiedName(1, "Level"), BuiltInType.Double, new Variant(0d));
        await using var client = await ConnectAsync(server.EndpointUrl);
        var subscription = await client.CreateSubscriptionAsync(new SubscriptionOptions { PublishingInterval = 20 });
        await subscription.AddMonitoredItemsAsync([new MonitoredItemOptions(node.NodeId) { Deadband = Deadband.Absolute, DeadbandValue = 1.0, QueueSize = 10 }]);
        var received = new List<double>();
        using var timeout = new CancellationTokenSource(Wait);
        var reader = subscription.ReadAllAsync(timeout.Token).GetAsyncEnumerator(timeout.Token);
        Assert.True(await reader.MoveNextAsync());
        received.Add((double)reader.Current.Value.Value.Value!);
        foreach (var v in new[] { 0.5, 1.5, 1.7, 2.0, 3.0 })
        {
            node.SetValue(new Variant(v), DateTime.UtcNow);
        }

        while (received.Count < 3 && await reader.MoveNextAsync())
        {
            received.Add((double)reader.Current.Value.Value.Value!);
        }

        Assert.Equal([0d, 1.5, 3.0], received);
        await reader.DisposeAsync();
    }

    [Fact]
    public async Task A_backlog_larger_than_the_clients_message_limit_arrives_in_several_publish_responses()
    {
        await using var server = await OpcUaServer.StartAsync(new OpcUaServerOptions { Port = 0 });
        var nodes = Enumerable.Range(0, 3000)
            .Select(i => server.AddressSpace.AddVariable(AddressSpace.ObjectsFolder, new NodeId($"V{i}", 1), new QualifiedName(1, $"V{i}"), BuiltInType.Double, new Variant((double)i)))
            .ToList();
        await using var client = await OpcUaClient.ConnectAsync(new OpcUaClientOptions
        {
            Endpoint = new Uri(server.EndpointUrl),
            Channel = new Factory.OpcUa.SecureChannel.SecureChannelOptions { TransportLimits = new Factory.OpcUa.Transport.TransportLimits(65535, 65535, 65536, 0) },
        });
        var subscription = await client.CreateSubscriptionAsync(new SubscriptionOptions { PublishingInterval = 500 });
        foreach (var chunk in nodes.Chunk(500))
        {
            await subscription.AddMonitoredItemsAsync(chunk.Select(n => new MonitoredItemOptions(n.NodeId)));
        }

        var seen = new HashSet<NodeId>();
        var sequences = new HashSet<uint>();
        using var timeout = new CancellationTokenSource(Wait);
        await foreach (var value in subscription.ReadAllAsync(timeout.Token))
        {
            seen.Add(value.NodeId);
            sequences.Add(value.SequenceNumber);
            if (seen.Count == nodes.Count)
            {
                break;
            }
        }

        Assert.Equal(nodes.Count, seen.Count);
        Assert.True(sequences.Count >= 2);
    }

    [Fact]
    public async Task User_name_logins_are_checked()
    {
        await using var server = await OpcUaServer.StartAsync(new OpcUaServerOptions { Port = 0, AllowAnonymous = false, Users = new Dictionary<string, string> { ["op"] = "pw" } });
        await using (await ConnectAsync(server.EndpointUrl, UserIdentity.FromUserName("op", "pw")))
        {
        }

        var wrong = await Assert.ThrowsAsync<ServiceResultException>(() => ConnectAsync(server.EndpointUrl, UserIdentity.FromUserName("op", "nope")));
        Assert.Equal(StatusCodes.BadUserAccessDenied, wrong.StatusCode.Code);
        await Assert.ThrowsAsync<ServiceResultException>(() => ConnectAsync(server.EndpointUrl));
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + Wait;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not met in time");
            await Task.Delay(20);
        }
    }
}
