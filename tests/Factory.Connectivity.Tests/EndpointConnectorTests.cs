using System.Collections.Immutable;
using Factory.Contracts.Grains;
using Factory.Contracts.Specs;
using Factory.Contracts.Views;
using Factory.Domain.PackMl;
using Factory.Domain.Plant;
using Factory.OpcUa.Client;
using Factory.OpcUa.Encoding;
using Microsoft.Extensions.Logging.Abstractions;

namespace Factory.Connectivity.Tests;

public sealed class EndpointConnectorTests(Cluster cluster) : IClassFixture<Cluster>
{
    private static MachineTagMap ByNodeId(string machine, string source) => new(machine,
        State: new($"ns=1;s={source}.State"), Mode: new($"ns=1;s={source}.Mode"), Produced: new($"ns=1;s={source}.Produced"),
        Good: new($"ns=1;s={source}.Good"), Scrap: new($"ns=1;s={source}.Scrap"), Speed: new($"ns=1;s={source}.Speed"),
        Temperatures: new Dictionary<string, TagReference> { ["head"] = new($"ns=1;s={source}.Temperature") },
        Alarms: new Dictionary<string, TagReference> { ["fault"] = new($"ns=1;s={source}.Alarm") },
        Command: new($"ns=1;s={source}.Command"));

    // The same tags by browse path, resolved when the session starts.
    private static MachineTagMap ByBrowsePath(string machine, string source) => new(machine,
        State: new($"/Objects/1:Plant/1:{source}/1:StateCurrent"), StateEncoding: StateEncoding.Number,
        Produced: new($"/Objects/1:Plant/1:{source}/1:Produced"));

    private async Task<(string Site, string M1, string M2)> DefineAsync()
    {
        var prefix = Guid.NewGuid().ToString("N")[..6];
        var (site, line, m1, m2) = ($"{prefix}-site", $"{prefix}-line", $"{prefix}-m1", $"{prefix}-m2");
        await cluster.Grains.GetGrain<ISiteGrain>(site).Define(new SiteSpec(site, "Site", "UTC"));
        foreach (var m in new[] { m1, m2 })
        {
            await cluster.Grains.GetGrain<IMachineGrain>(m).Define(new MachineSpec(m, site, line, m, ["mill"], 1, false, PackMlState.Undefined));
        }

        await cluster.Grains.GetGrain<ILineGrain>(line).Define(new LineSpec(line, site, "Line", [m1, m2]));
        return (site, m1, m2);
    }

    private PlantConnectivity Connect(PlantPeer peer, string site, TimeSpan staleAfter, params MachineTagMap[] machines)
    {
        var connectivity = new PlantConnectivity(cluster.Grains, TimeProvider.System, NullLoggerFactory.Instance);
        connectivity.Add(new EndpointSettings("peer", site, peer.Endpoint, null, null, TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(20),
            staleAfter, machines) { DeadConnectionTimeout = TimeSpan.FromSeconds(2) });
        return connectivity;
    }

    [Fact]
    public async Task Values_from_an_independent_server_reach_the_machine_with_exact_source_timestamps_and_commands_reach_the_plc()
    {
        await using var peer = await PlantPeer.StartAsync("--machines", "P1,P2", "--rate", "50");
        var (site, m1, m2) = await DefineAsync();
        var connectivity = Connect(peer, site, TimeSpan.FromSeconds(30), ByNodeId(m1, "P1"), ByBrowsePath(m2, "P2"));
        using var stop = new CancellationTokenSource();
        var run = connectivity.RunAsync(stop.Token);
        var machine = cluster.Grains.GetGrain<IMachineGrain>(m1);

        var idle = await Eventually(machine.GetView, m => m.State == PackMlState.Idle && m.Source == "peer");
        Assert.Equal(DataQuality.Good, idle.Quality);
        Assert.Equal(0, idle.Telemetry.Numbers["fault"]); // a boolean stays a number (false is 0), never text
        var byPath = await Eventually(cluster.Grains.GetGrain<IMachineGrain>(m2).GetView, m => m.State == PackMlState.Idle);
        Assert.Equal("peer", byPath.Source);

        // A PackML command through the connector reaches the PLC; the machine's state follows from the PLC's tags.
        Assert.True((await connectivity.WriteCommandAsync(m1, PackMlCommand.Start, CancellationToken.None)).IsGood);
        var running = await Eventually(machine.GetView, m => m.State == PackMlState.Execute && m.Telemetry.ProducedCount > 3);
        Assert.True(running.Telemetry.Temperatures["head"] >= 40);
        Assert.True(running.Telemetry.GoodCount + running.Telemetry.ScrapCount <= running.Telemetry.ProducedCount);

        await using (var client = await OpcUaClient.ConnectAsync(new OpcUaClientOptions { Endpoint = peer.Endpoint }))
        {
            var state = await client.ReadValueAsync(NodeId.Parse("ns=1;s=P1.State"));
            Assert.Equal("Execute", state.Value.Value);
            Assert.Equal(new DateTimeOffset(DateTime.SpecifyKind(state.SourceTimestamp, DateTimeKind.Utc)), running.StateSince);
        }

        // A command the PLC refuses is reported, not swallowed.
        var refused = await connectivity.WriteCommandAsync(m1, PackMlCommand.Clear, CancellationToken.None);
        Assert.Equal("BadInvalidState", refused.Name);
        Assert.Equal("BadNotSupported", (await connectivity.WriteCommandAsync(m2, PackMlCommand.Stop, CancellationToken.None)).Name);
        Assert.Equal(PackMlState.Execute, (await machine.GetView())!.State);

        var connection = Assert.Single(connectivity.Connections);
        Assert.Equal("Connected", connection.State);
        Assert.True(connection.TagUpdates > 0);
        // Keeping up: the last batch was applied within seconds of the PLC's timestamps, nothing waited or was dropped.
        Assert.NotNull(connection.BehindBySeconds);
        Assert.InRange(connection.BehindBySeconds!.Value, 0, 30);
        Assert.True(connection.Queued >= 0);
        await stop.CancelAsync();
        await run;
    }

    [Fact]
    public async Task An_untrusted_plc_is_reported_with_its_thumbprint_and_once_trusted_feeds_over_SignAndEncrypt()
    {
        await using var peer = await PlantPeer.StartAsync("--machines", "P1", "--rate", "50");
        var (site, m1, _) = await DefineAsync();
        var pki = Path.Combine(Path.GetTempPath(), "factory-connector-pki-tests", Guid.NewGuid().ToString("N"));
        try
        {
            var security = OpcUaSecurity.Open(pki, trustServersOnFirstUse: false);
            var connectivity = new PlantConnectivity(cluster.Grains, TimeProvider.System, NullLoggerFactory.Instance);
            connectivity.Add(new EndpointSettings("peer", site, peer.Endpoint, null, null, TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(20),
                TimeSpan.FromSeconds(30), [ByNodeId(m1, "P1")])
            {
                DeadConnectionTimeout = TimeSpan.FromSeconds(2),
                SecurityPolicy = "Basic256Sha256",
                SecurityMode = Factory.OpcUa.Services.MessageSecurityMode.SignAndEncrypt,
                Security = security,
            });
            using var stop = new CancellationTokenSource();
            var run = connectivity.RunAsync(stop.Token);

            // Refused: the connection says why, with the thumbprint an operator compares with the PLC's.
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
            while (Assert.Single(connectivity.Connections).LastError?.Contains("BadCertificateUntrusted", StringComparison.Ordinal) != true && DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
            }

            var rejected = Assert.Single(security.Store.RejectedList());
            Assert.Contains(rejected.Thumbprint, Assert.Single(connectivity.Connections).LastError, StringComparison.Ordinal);

            // The operator trusts it; the connector's next attempt connects and the machine gets data.
            security.Store.Trust(rejected);
            var machine = cluster.Grains.GetGrain<IMachineGrain>(m1);
            await Eventually(machine.GetView, m => m.Source == "peer" && m.Quality == DataQuality.Good && m.State == PackMlState.Idle, TimeSpan.FromSeconds(30));
            Assert.Equal("Connected", Assert.Single(connectivity.Connections).State);
            await stop.CancelAsync();
            await run;
        }
        finally
        {
            Directory.Delete(pki, recursive: true);
        }
    }

    [Fact]
    public async Task A_killed_endpoint_turns_its_machines_Disconnected_within_the_bound_and_Good_when_it_returns()
    {
        await using var peer = await PlantPeer.StartAsync("--machines", "P1", "--rate", "50");
        var (site, m1, _) = await DefineAsync();
        var connectivity = Connect(peer, site, TimeSpan.FromSeconds(30), ByNodeId(m1, "P1"));
        using var stop = new CancellationTokenSource();
        var run = connectivity.RunAsync(stop.Token);
        var machine = cluster.Grains.GetGrain<IMachineGrain>(m1);
        await Eventually(machine.GetView, m => m.Source == "peer" && m.Quality == DataQuality.Good);

        var killed = DateTimeOffset.UtcNow;
        await peer.KillAsync();
        var lost = await Eventually(machine.GetView, m => m.Quality == DataQuality.Disconnected);
        // The bound is the dead-connection timeout (2 s here); allow for a loaded test machine.
        Assert.True(lost.QualitySince - killed < TimeSpan.FromSeconds(4), $"detected after {lost.QualitySince - killed}");

        await peer.StartAgainAsync();
        await Eventually(machine.GetView, m => m.Quality == DataQuality.Good && m.State == PackMlState.Idle, TimeSpan.FromSeconds(30));
        await stop.CancelAsync();
        await run;
    }

    [Fact]
    public async Task A_tag_that_stops_changing_makes_its_machine_Stale_while_others_stay_Good()
    {
        await using var peer = await PlantPeer.StartAsync("--machines", "P1,P2", "--static", "P2", "--rate", "50");
        var (site, m1, m2) = await DefineAsync();
        var connectivity = Connect(peer, site, TimeSpan.FromSeconds(1.5), ByNodeId(m1, "P1"), ByNodeId(m2, "P2"));
        using var stop = new CancellationTokenSource();
        var run = connectivity.RunAsync(stop.Token);
        await Eventually(cluster.Grains.GetGrain<IMachineGrain>(m1).GetView, m => m.Source == "peer" && m.State == PackMlState.Idle);
        Assert.True((await connectivity.WriteCommandAsync(m1, PackMlCommand.Start, CancellationToken.None)).IsGood);
        await Eventually(cluster.Grains.GetGrain<IMachineGrain>(m1).GetView, m => m.State == PackMlState.Execute);

        var stale = await Eventually(cluster.Grains.GetGrain<IMachineGrain>(m2).GetView, m => m.Quality == DataQuality.Stale);

        Assert.Equal(PackMlState.Execute, stale.State); // the last known state is kept, but flagged as not live
        Assert.Equal(DataQuality.Good, (await cluster.Grains.GetGrain<IMachineGrain>(m1).GetView())!.Quality);
        await stop.CancelAsync();
        await run;
    }

    [Fact]
    public async Task With_a_heartbeat_only_the_heartbeat_decides_staleness()
    {
        // P2's values never change but its PLC's heartbeat does; P1's values change but its heartbeat has stopped.
        await using var peer = await PlantPeer.StartAsync("--machines", "P1,P2", "--static", "P2", "--no-heartbeat", "P1", "--rate", "50");
        var (site, m1, m2) = await DefineAsync();
        var bound = TimeSpan.FromSeconds(1.5);
        var connectivity = Connect(peer, site, bound,
            ByNodeId(m1, "P1") with { Heartbeat = new("ns=1;s=P1.Heartbeat") },
            ByNodeId(m2, "P2") with { Heartbeat = new("ns=1;s=P2.Heartbeat") });
        using var stop = new CancellationTokenSource();
        var run = connectivity.RunAsync(stop.Token);
        await Eventually(cluster.Grains.GetGrain<IMachineGrain>(m2).GetView, m => m.Source == "peer");

        var stale = await Eventually(cluster.Grains.GetGrain<IMachineGrain>(m1).GetView, m => m.Quality == DataQuality.Stale);
        Assert.Equal("peer", stale.Source);

        // Two more bounds: P2, whose values stood still all along, is still Good; P1's changing temperature has not
        // made it trusted again.
        await Task.Delay(bound * 2);
        Assert.Equal(DataQuality.Good, (await cluster.Grains.GetGrain<IMachineGrain>(m2).GetView())!.Quality);
        Assert.Equal(DataQuality.Stale, (await cluster.Grains.GetGrain<IMachineGrain>(m1).GetView())!.Quality);
        await stop.CancelAsync();
        await run;
    }

    [Fact]
    public async Task A_PLC_with_its_own_state_names_and_one_part_counter_is_read_through_its_state_table_and_an_unknown_name_is_shown_until_a_known_one_arrives()
    {
        // The PLC says Waiting (in no table), Running and Fault; it counts parts on one counter only.
        await using var peer = await PlantPeer.StartAsync("--machines", "P1", "--rate", "50", "--state-names", "Idle=Waiting,Execute=Running,Aborted=Fault");
        var (site, m1, _) = await DefineAsync();
        var problems = new List<string>();
        var table = PlcStateTable.Parse(new Dictionary<string, string> { ["Running"] = "Execute", ["Fault"] = "Aborted" }, problems);
        Assert.Empty(problems);
        var map = new MachineTagMap(m1, State: new("ns=1;s=P1.State"), StateTable: table, Produced: new("ns=1;s=P1.Produced"),
            Command: new("ns=1;s=P1.Command"));
        var connectivity = Connect(peer, site, TimeSpan.FromSeconds(30), map);
        using var stop = new CancellationTokenSource();
        var run = connectivity.RunAsync(stop.Token);
        var machine = cluster.Grains.GetGrain<IMachineGrain>(m1);

        // Not guessed and not dropped: the machine keeps its last known state and says why its data is Uncertain.
        var waiting = await Eventually(machine.GetView, m => m.Source == "peer" && m.Quality == DataQuality.Uncertain);
        Assert.Equal(PackMlState.Undefined, waiting.State);
        Assert.Contains("'Waiting'", waiting.QualityReason, StringComparison.Ordinal);
        await Task.Delay(TimeSpan.FromMilliseconds(500)); // later batches (counters, no state) do not make it look Good again
        var still = (await machine.GetView())!;
        Assert.Equal(DataQuality.Uncertain, still.Quality);
        Assert.Contains("'Waiting'", still.QualityReason, StringComparison.Ordinal);

        // Start: Starting (a PackML name) then Running, which the table maps to Execute; the one counter counts.
        Assert.True((await connectivity.WriteCommandAsync(m1, PackMlCommand.Start, CancellationToken.None)).IsGood);
        var running = await Eventually(machine.GetView, m => m.State == PackMlState.Execute && m.Telemetry.ProducedCount > 3);
        Assert.Equal(DataQuality.Good, running.Quality);
        Assert.Null(running.QualityReason);

        Assert.True((await connectivity.WriteCommandAsync(m1, PackMlCommand.Abort, CancellationToken.None)).IsGood);
        var fault = await Eventually(machine.GetView, m => m.State == PackMlState.Aborted);
        Assert.Equal(DataQuality.Good, fault.Quality);
        await stop.CancelAsync();
        await run;
    }

    private static async Task<MachineView> Eventually(Func<Task<MachineView?>> read, Func<MachineView, bool> done, TimeSpan? within = null)
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(15));
        MachineView? last = null;
        while (DateTime.UtcNow < deadline)
        {
            last = await read();
            if (last is not null && done(last))
            {
                return last;
            }

            await Task.Delay(25);
        }

        throw new TimeoutException($"condition not met; last view: {last}");
    }
}
