namespace Factory.Mqtt.Tests;

/// <summary>
/// Factory's Sparkplug B host application against an independent edge node (sparkplug-client from npm) through a real
/// mosquitto broker: births, data by alias and by name, timestamps, rebirth on a sequence gap, deaths, commands.
/// </summary>
public sealed class SparkplugHostTests(MosquittoBroker broker, Cluster cluster) : IClassFixture<MosquittoBroker>, IClassFixture<Cluster>
{
    private static bool Event(System.Text.Json.Nodes.JsonNode line, string name) => line["event"]?.GetValue<string>() == name;

    [Fact]
    public async Task Births_and_data_reach_the_machine_grain_with_their_values_and_timestamps()
    {
        await using var bed = await SparkplugBed.CreateAsync(cluster, broker);
        bed.StartHost();
        await bed.WaitConnectedAsync();
        var edge = await bed.StartEdgeAsync(broker);

        var born = await bed.WaitAsync(v => v.State == PackMlState.Idle && v.Telemetry.ProducedCount == 10, "birth values");
        Assert.Equal(DataQuality.Good, born.Quality);
        Assert.Equal(9, born.Telemetry.GoodCount);
        Assert.Equal(21.5, born.Telemetry.Temperatures["spindle"]);
        Assert.Equal("P-100", born.Telemetry.Tags["program"]);
        Assert.Equal("edge", born.Source);

        // Data by alias only, as edge nodes send it after their birth; every value carries its acquisition time.
        await Task.Delay(50);
        var at = DateTimeOffset.UtcNow;
        var ms = at.ToUnixTimeMilliseconds();
        await edge.SendAsync(new { op = "data", device = "D1", byAlias = true, timestamp = ms,
            values = new Dictionary<string, object> { ["Status/State"] = "Execute", ["Counters/Good"] = 42, ["Speed"] = 12.5, ["Spindle/Temperature"] = 61.25 } });
        var running = await bed.WaitAsync(v => v.State == PackMlState.Execute && v.Telemetry.GoodCount == 42, "data by alias");
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(ms), running.StateSince);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(ms), running.Telemetry.SourceTimestamp);
        Assert.Equal(12.5, running.Telemetry.Speed);
        Assert.Equal(61.25, running.Telemetry.Temperatures["spindle"]);

        // And by name.
        await edge.SendAsync(new { op = "data", device = "D1", byAlias = false, timestamp = ms + 500,
            values = new Dictionary<string, object> { ["Status/State"] = "Held", ["Program"] = "P-200" } });
        var held = await bed.WaitAsync(v => v.State == PackMlState.Held, "data by name");
        Assert.Equal("P-200", held.Telemetry.Tags["program"]);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(ms + 500), held.StateSince);
    }

    [Fact]
    public async Task A_host_that_comes_later_asks_for_the_births_it_missed()
    {
        await using var bed = await SparkplugBed.CreateAsync(cluster, broker);
        var edge = await bed.StartEdgeAsync(broker);
        await edge.SendAsync(new { op = "data", device = "D1", values = new Dictionary<string, object> { ["Status/State"] = "Execute" } });
        await edge.WaitForAsync(l => Event(l, "sent"), TimeSpan.FromSeconds(5));

        bed.StartHost();
        await edge.WaitForAsync(l => Event(l, "rebirth"), TimeSpan.FromSeconds(15));
        var view = await bed.WaitAsync(v => v.State == PackMlState.Execute && v.Quality == DataQuality.Good, "state from the new birth");
        Assert.Equal(10, view.Telemetry.ProducedCount);
    }

    [Fact]
    public async Task A_sequence_gap_not_filled_within_the_reorder_timeout_requests_a_rebirth()
    {
        await using var bed = await SparkplugBed.CreateAsync(cluster, broker, reorderTimeout: TimeSpan.FromMilliseconds(300));
        bed.StartHost();
        await bed.WaitConnectedAsync();
        var edge = await bed.StartEdgeAsync(broker);
        await bed.WaitAsync(v => v.State == PackMlState.Idle, "born");
        var before = bed.Connector.RebirthRequests;
        var lines = edge.Lines.Count;

        // The edge node's next message skips three sequence numbers: to the host, three messages were lost.
        await edge.SendAsync(new { op = "gap", skip = 3 });
        await edge.SendAsync(new { op = "data", device = "D1", byAlias = true, values = new Dictionary<string, object> { ["Counters/Good"] = 77 } });

        await edge.WaitForAsync(l => Event(l, "ncmd") && l["metrics"]![0]!["name"]!.GetValue<string>() == "Node Control/Rebirth" &&
            l["metrics"]![0]!["value"]!.GetValue<bool>(), TimeSpan.FromSeconds(10), after: lines);
        await edge.WaitForAsync(l => Event(l, "born") && l["births"]!.GetValue<int>() == 2, TimeSpan.FromSeconds(10), after: lines);
        Assert.True(bed.Connector.RebirthRequests > before);
        // The value that came after the gap was not thrown away, and the machine stays trusted through the rebirth.
        var view = await bed.WaitAsync(v => v.Telemetry.GoodCount == 77 || v.Telemetry.GoodCount == 9, "values after the gap");
        Assert.Equal(DataQuality.Good, view.Quality);
    }

    [Fact]
    public async Task Commands_and_setpoints_reach_the_edge_node_as_DCMD_of_the_birth_types()
    {
        await using var bed = await SparkplugBed.CreateAsync(cluster, broker);
        bed.StartHost();
        await bed.WaitConnectedAsync();
        var edge = await bed.StartEdgeAsync(broker);
        await bed.WaitAsync(v => v.State == PackMlState.Idle, "born");

        Assert.True((await bed.Connector.WriteCommandAsync(bed.Machine, PackMlCommand.Start, CancellationToken.None)).IsGood);
        var command = await edge.WaitForAsync(l => Event(l, "dcmd"), TimeSpan.FromSeconds(10));
        Assert.Equal("D1", command["device"]!.GetValue<string>());
        Assert.Equal("Command", command["metrics"]![0]!["name"]!.GetValue<string>());
        Assert.Equal("Int32", command["metrics"]![0]!["type"]!.GetValue<string>());
        Assert.Equal((int)PackMlCommand.Start, command["metrics"]![0]!["value"]!.GetValue<int>());

        var lines = edge.Lines.Count;
        Assert.True((await bed.Connector.WriteSpeedSetpointAsync(bed.Machine, 7.5, CancellationToken.None)).IsGood);
        var setpoint = await edge.WaitForAsync(l => Event(l, "dcmd"), TimeSpan.FromSeconds(10), after: lines);
        Assert.Equal("SpeedSetpoint", setpoint["metrics"]![0]!["name"]!.GetValue<string>());
        Assert.Equal("Double", setpoint["metrics"]![0]!["type"]!.GetValue<string>());
        Assert.Equal(7.5, setpoint["metrics"]![0]!["value"]!.GetValue<double>());

        // A machine the endpoint does not feed is refused, not guessed.
        Assert.Equal(0x803D0000u, (await bed.Connector.WriteCommandAsync("nobody", PackMlCommand.Start, CancellationToken.None)).Code);
    }

    [Fact]
    public async Task A_device_death_makes_its_machine_stale_from_the_time_of_the_death_until_it_is_born_again()
    {
        await using var bed = await SparkplugBed.CreateAsync(cluster, broker);
        bed.StartHost();
        await bed.WaitConnectedAsync();
        var edge = await bed.StartEdgeAsync(broker);
        var born = await bed.WaitAsync(v => v.State == PackMlState.Idle && v.Quality == DataQuality.Good, "born");

        await Task.Delay(600);
        var death = DateTimeOffset.FromUnixTimeMilliseconds(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() - 300);
        Assert.True(death > born.QualitySince);
        await edge.SendAsync(new { op = "ddeath", device = "D1", timestamp = death.ToUnixTimeMilliseconds() });
        var stale = await bed.WaitAsync(v => v.Quality == DataQuality.Stale, "stale after DDEATH");
        Assert.Equal(death, stale.QualitySince);
        Assert.Equal(PackMlState.Idle, stale.State); // the last known state stays, marked as not trusted

        // Data from a device the host knows dead is not read: the host asks for the births again, and they make it Good.
        var lines = edge.Lines.Count;
        await edge.SendAsync(new { op = "data", device = "D1", values = new Dictionary<string, object> { ["Status/State"] = "Execute" } });
        await edge.WaitForAsync(l => Event(l, "rebirth"), TimeSpan.FromSeconds(10), after: lines);
        await bed.WaitAsync(v => v.Quality == DataQuality.Good && v.State == PackMlState.Execute, "good after the rebirth");
    }

    [Fact]
    public async Task A_node_death_makes_its_machines_stale_whether_announced_or_by_the_will()
    {
        await using var bed = await SparkplugBed.CreateAsync(cluster, broker);
        bed.StartHost();
        await bed.WaitConnectedAsync();
        var edge = await bed.StartEdgeAsync(broker);
        var born = await bed.WaitAsync(v => v.Quality == DataQuality.Good && v.State == PackMlState.Idle, "born");

        // The process dies without a goodbye: the broker publishes the NDEATH will registered when it connected.
        await edge.SendAsync(new { op = "crash" });
        var stale = await bed.WaitAsync(v => v.Quality == DataQuality.Stale, "stale after the will", TimeSpan.FromSeconds(15));
        // The will's own timestamp is from the connection, before the birth: the death is dated when it was learned.
        Assert.True(stale.QualitySince > born.QualitySince);
        Assert.True(stale.QualitySince <= DateTimeOffset.UtcNow);

        // A new edge node session (new bdSeq) is born, then dies announcing it (NDEATH with the birth's bdSeq).
        await bed.Edge!.DisposeAsync();
        var edge2 = await bed.StartEdgeAsync(broker);
        await bed.WaitAsync(v => v.Quality == DataQuality.Good, "born again");
        await edge2.SendAsync(new { op = "stop" });
        await bed.WaitAsync(v => v.Quality == DataQuality.Stale, "stale after NDEATH");
    }
}
