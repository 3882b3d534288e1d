using Factory.Domain.PackMl;

namespace Factory.Simulator.Tests;

/// <summary>The plant model on a manual clock: production, scrap, failures and repairs, determinism, commands.</summary>
public sealed class SimulatorBehaviourTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 6, 0, 0, TimeSpan.Zero);

    private static async Task<(PlantSimulator Sim, ManualClock Clock)> StartAsync(SimulatorOptions options)
    {
        var clock = new ManualClock(T0);
        var sim = await PlantSimulator.StartAsync(options with { TimeProvider = clock, Port = 0 });
        return (sim, clock);
    }

    [Fact]
    public async Task Production_follows_the_cycle_time_and_the_scrap_rate()
    {
        var (sim, clock) = await StartAsync(new SimulatorOptions
        {
            Machines = [new SimulatedMachineSpec("M1", "L1", TimeSpan.FromSeconds(2))],
            MeanTimeBetweenFailures = TimeSpan.Zero,
            ScrapRate = 0.1,
            TickInterval = TimeSpan.FromSeconds(1),
            Seed = 42,
        });
        await using var _ = sim;
        clock.Advance(TimeSpan.FromHours(2));
        var machine = sim.Machines["M1"];

        // 2 h at 2 s per part = 3600 parts (the first one completes one cycle after the start).
        Assert.Equal(3600u, machine.ProducedCount);
        Assert.Equal(machine.ProducedCount, machine.GoodCount + machine.ScrapCount);
        var scrapShare = machine.ScrapCount / (double)machine.ProducedCount;
        Assert.InRange(scrapShare, 0.08, 0.12);
        Assert.Equal(30d, machine.SpeedSetpoint, 6);

        // The OPC UA variable carries the same count, stamped with the simulated time of the last part.
        Assert.True(sim.Server.AddressSpace.TryGetNode(sim.NodeIdFor("M1", MachineTags.ProducedCount), out var node));
        var value = ((Factory.OpcUa.Server.VariableNode)node).Value;
        Assert.Equal(3600u, value.Value.Value);
        Assert.Equal(T0.AddHours(2).UtcDateTime, value.SourceTimestamp);

        // Temperature rises with load toward ambient + 40 °C.
        Assert.InRange(machine.Temperature, 60, 62.1);
    }

    [Fact]
    public async Task Failures_and_repairs_follow_the_seed_and_recover_automatically()
    {
        var options = new SimulatorOptions
        {
            Machines = [new SimulatedMachineSpec("M1", "L1", TimeSpan.FromSeconds(5)), new SimulatedMachineSpec("M2", "L1", TimeSpan.FromSeconds(7))],
            MeanTimeBetweenFailures = TimeSpan.FromMinutes(20),
            MeanTimeToRepair = TimeSpan.FromMinutes(3),
            TickInterval = TimeSpan.FromSeconds(1),
            Seed = 7,
        };
        var first = await HistoryAsync(options);
        var again = await HistoryAsync(options);
        var other = await HistoryAsync(options with { Seed = 8 });

        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
        Assert.Contains(PackMlState.Aborting, first.Select(h => h.State));
        Assert.Contains(PackMlState.Aborted, first.Select(h => h.State));

        // Every failure walks Aborting → Aborted → Clearing → Stopped → Resetting → Idle → Starting → Execute.
        var m1 = first.Where(h => h.Machine == "M1").Select(h => h.State).ToList();
        var expected = new[] { PackMlState.Aborting, PackMlState.Aborted, PackMlState.Clearing, PackMlState.Stopped, PackMlState.Resetting, PackMlState.Idle, PackMlState.Starting, PackMlState.Execute };
        for (var i = m1.IndexOf(PackMlState.Aborting); i >= 0 && i + expected.Length <= m1.Count; i = m1.IndexOf(PackMlState.Aborting, i + 1))
        {
            Assert.Equal(expected, m1.Skip(i).Take(expected.Length));
        }
    }

    [Fact]
    public async Task Without_auto_recovery_a_failed_machine_waits_for_commands()
    {
        var (sim, clock) = await StartAsync(new SimulatorOptions
        {
            Machines = [new SimulatedMachineSpec("M1", "L1", TimeSpan.FromSeconds(1))],
            MeanTimeBetweenFailures = TimeSpan.FromMinutes(1),
            MeanTimeToRepair = TimeSpan.FromSeconds(10),
            AutoRecover = false,
            TickInterval = TimeSpan.FromSeconds(1),
        });
        await using var _ = sim;
        var machine = sim.Machines["M1"];
        for (var i = 0; i < 3600 && machine.State != PackMlState.Aborted; i++)
        {
            clock.Advance(TimeSpan.FromSeconds(1));
        }

        Assert.Equal(PackMlState.Aborted, machine.State);
        Assert.True(machine.Fault);
        clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(PackMlState.Aborted, machine.State);

        Assert.False(machine.Command(PackMlCommand.Start).Accepted);
        Assert.True(machine.Command(PackMlCommand.Clear).Accepted);
        Assert.False(machine.Fault);
        clock.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(PackMlState.Stopped, machine.State);
        Assert.True(machine.Command(PackMlCommand.Reset).Accepted);
        clock.Advance(TimeSpan.FromSeconds(5));
        Assert.True(machine.Command(PackMlCommand.Start).Accepted);
        clock.Advance(TimeSpan.FromSeconds(3));
        Assert.Equal(PackMlState.Execute, machine.State);
    }

    [Fact]
    public async Task A_paused_machine_changes_no_tag_until_resumed()
    {
        var (sim, clock) = await StartAsync(new SimulatorOptions
        {
            Machines = [new SimulatedMachineSpec("M1", "L1", TimeSpan.FromSeconds(1))],
            MeanTimeBetweenFailures = TimeSpan.Zero,
            TickInterval = TimeSpan.FromSeconds(1),
        });
        await using var _ = sim;
        var machine = sim.Machines["M1"];
        clock.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(10u, machine.ProducedCount);

        machine.Paused = true;
        Assert.True(sim.Server.AddressSpace.TryGetNode(sim.NodeIdFor("M1", MachineTags.Temperature), out var node));
        var before = ((Factory.OpcUa.Server.VariableNode)node).Value;
        clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(10u, machine.ProducedCount);
        Assert.Equal(before, ((Factory.OpcUa.Server.VariableNode)node).Value);

        machine.Paused = false;
        clock.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(15u, machine.ProducedCount);
    }

    [Fact]
    public void The_demo_plant_file_gives_every_machine()
    {
        var machines = PlantFile.ReadMachines(Path.Combine(RepositoryRoot(), "src", "Factory.Host", "plants", "demo.json"));
        Assert.Equal(14, machines.Count);
        Assert.Contains(machines, m => m.Id == "CNC-04" && m.LineId == "L1" && m.InitialState == PackMlState.Idle && m.IdealCycleTime == TimeSpan.FromSeconds(15));
    }

    [Fact]
    public void A_plant_file_with_problems_is_refused_with_a_message()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, """{ "sites": [{ "lines": [{ "id": "L1", "machines": [{ "id": "A", "idealCycleTimeSeconds": 0 }, { "id": "B", "idealCycleTimeSeconds": 3, "initialState": "Flying" }] }] }] }""");
            var error = Assert.Throws<InvalidDataException>(() => PlantFile.ReadMachines(path));
            Assert.Contains("machine 'A' needs a positive idealCycleTimeSeconds", error.Message, StringComparison.Ordinal);
            Assert.Contains("unknown initialState 'Flying'", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_machine_without_a_cycle_time_is_refused_and_one_without_a_state_starts_in_Execute()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, """{ "sites": [{ "id": "s", "lines": [{ "id": "L1", "machines": [{ "id": "A" }, { "id": "B", "idealCycleTimeSeconds": 3 }] }] }] }""");
            var error = Assert.Throws<InvalidDataException>(() => PlantFile.ReadMachines(path));
            Assert.Contains("machine 'A' needs a positive idealCycleTimeSeconds", error.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("'B'", error.Message, StringComparison.Ordinal);

            File.WriteAllText(path, """{ "sites": [{ "id": "s", "lines": [{ "id": "L1", "machines": [{ "id": "B", "idealCycleTimeSeconds": 3, "holdExtensions": true }] }] }] }""");
            var machine = Assert.Single(PlantFile.ReadMachines(path));
            Assert.Equal(new SimulatedMachineSpec("B", "L1", TimeSpan.FromSeconds(3), PackMlState.Execute) { HoldExtensions = true }, machine);
        }
        finally
        {
            File.Delete(path);
        }
    }

    internal static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Factory.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Factory.sln not found above " + AppContext.BaseDirectory);
    }

    private static async Task<List<(string Machine, PackMlState State, DateTimeOffset Since)>> HistoryAsync(SimulatorOptions options)
    {
        var (sim, clock) = await StartAsync(options);
        await using var _ = sim;
        var history = new List<(string, PackMlState, DateTimeOffset)>();
        foreach (var machine in sim.Machines.Values)
        {
            machine.StateChanged += (_, e) => history.Add((e.MachineId, e.State, e.At));
        }

        for (var i = 0; i < 6 * 3600; i++)
        {
            clock.Advance(TimeSpan.FromSeconds(1));
        }

        return history;
    }
}
