using Factory.Contracts.Grains;
using Factory.Domain;
using Factory.Domain.PackMl;
using Factory.Domain.Plant;

namespace Factory.Grains.Tests;

[Collection(ClusterCollection.Name)]
public sealed class MachineGrainTests(ClusterFixture fixture)
{
    [Fact]
    public async Task A_legal_command_moves_the_machine_and_the_transient_state_completes_by_itself()
    {
        var plant = await new PlantBuilder(fixture.Grains).WithLineAsync(("m1", ["mill"], PackMlState.Idle));
        var machine = fixture.Grains.GetGrain<IMachineGrain>(plant.Id("m1"));
        var before = (await machine.GetView())!;

        var result = await machine.ExecuteCommand(PackMlCommand.Start);

        Assert.True(result.Accepted, result.Reason);
        Assert.True(result.Version > before.Version);
        Assert.Equal(PackMlState.Starting, (await machine.GetView())!.State);
        var settled = await Eventually.ValueAsync(machine.GetView, m => m!.State == PackMlState.Execute);
        Assert.True(settled!.Available);
    }

    [Fact]
    public async Task An_illegal_command_is_refused_naming_state_and_command_and_changes_nothing()
    {
        var plant = await new PlantBuilder(fixture.Grains).WithLineAsync(("m1", ["mill"], PackMlState.Execute));
        var machine = fixture.Grains.GetGrain<IMachineGrain>(plant.Id("m1"));
        var before = await machine.GetView();

        var result = await machine.ExecuteCommand(PackMlCommand.Reset);

        Assert.False(result.Accepted);
        Assert.Equal(RefusalKind.Conflict, result.RefusalKind);
        Assert.Contains("Reset", result.Reason);
        Assert.Contains("Execute", result.Reason);
        Structurally.Equal(before, await machine.GetView());
    }

    [Fact]
    public async Task A_command_to_an_undefined_machine_is_not_found()
    {
        var result = await fixture.Grains.GetGrain<IMachineGrain>("no-such-machine-" + Guid.NewGuid()).ExecuteCommand(PackMlCommand.Start);
        Assert.Equal(RefusalKind.NotFound, result.RefusalKind);
    }

    [Fact]
    public async Task An_aborted_machine_is_unavailable_with_a_reason()
    {
        var plant = await new PlantBuilder(fixture.Grains).WithLineAsync(("m1", ["mill"], PackMlState.Execute));
        var machine = fixture.Grains.GetGrain<IMachineGrain>(plant.Id("m1"));

        await machine.ExecuteCommand(PackMlCommand.Abort);
        var aborted = await Eventually.ValueAsync(machine.GetView, m => m!.State == PackMlState.Aborted);

        Assert.False(aborted!.Available);
        Assert.Contains("Aborted", aborted.UnavailableReason);
    }

    [Fact]
    public async Task The_line_derives_its_status_from_its_machines_as_they_change()
    {
        var plant = await new PlantBuilder(fixture.Grains).WithLineAsync(
            ("a", ["mill"], PackMlState.Execute), ("b", ["mill"], PackMlState.Execute));
        var line = fixture.Grains.GetGrain<ILineGrain>(plant.Line);
        Assert.Equal(LineStatus.Running, (await line.GetView())!.Status);

        await fixture.Grains.GetGrain<IMachineGrain>(plant.Id("a")).ExecuteCommand(PackMlCommand.Abort);
        var degraded = await Eventually.ValueAsync(line.GetView, l => l!.Status == LineStatus.Degraded);
        Assert.Equal(1, degraded!.MachinesFailed);

        await fixture.Grains.GetGrain<IMachineGrain>(plant.Id("b")).ExecuteCommand(PackMlCommand.Abort);
        await Eventually.ValueAsync(line.GetView, l => l!.Status == LineStatus.Down);
    }

    [Fact]
    public async Task Applying_an_unchanged_plant_definition_again_changes_no_version()
    {
        // Every start applies the plant file again: equal definitions (new instances, as read from a file) must not
        // rewrite state or publish anything.
        var plant = await new PlantBuilder(fixture.Grains).WithLineAsync(("m1", ["mill"], PackMlState.Execute), ("m2", ["drill"], PackMlState.Idle));
        await plant.WorkerAsync("ana", "machining", 3, new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero), clockedIn: true);
        var line = fixture.Grains.GetGrain<ILineGrain>(plant.Line);
        var machine = fixture.Grains.GetGrain<IMachineGrain>(plant.Id("m1"));
        var worker = fixture.Grains.GetGrain<IWorkerGrain>(plant.Id("ana"));
        await Task.Delay(200); // let the line take in its machines' first views
        var before = (Line: (await line.GetView())!.Version, Machine: (await machine.GetView())!.Version, Worker: (await worker.GetView())!.Version);

        await plant.WithLineAsync(("m1", ["mill"], PackMlState.Execute), ("m2", ["drill"], PackMlState.Idle));
        await plant.WorkerAsync("ana", "machining", 3, new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero), clockedIn: true);

        Assert.Equal(before.Line, (await line.GetView())!.Version);
        Assert.Equal(before.Machine, (await machine.GetView())!.Version);
        Assert.Equal(before.Worker, (await worker.GetView())!.Version);
    }
}
