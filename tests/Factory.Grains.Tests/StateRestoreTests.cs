using Factory.Contracts.Grains;
using Factory.Contracts.Production;
using Factory.Domain;
using Factory.Domain.Oee;
using Factory.Domain.PackMl;
using Factory.Domain.Plant;
using Factory.Domain.Work;
using Factory.Grains.State;

namespace Factory.Grains.Tests;

/// <summary>
/// #11 finding 10: a grain whose storage write fails answers the command with <see cref="StateNotStoredException"/>, and
/// afterwards its memory equals what storage holds (the view before the command); once storage works again the same
/// command is stored. What storage holds is read from the file by a storage of the test's own, not through the grain.
/// </summary>
public sealed class StateRestoreTests(FaultyStorageClusterFixture fixture) : IClassFixture<FaultyStorageClusterFixture>
{
    // Yesterday at midnight: inside the log's retention and far enough back to be history, whenever the test runs.
    private static readonly DateTimeOffset Hour = new DateTimeOffset(DateTimeOffset.UtcNow.UtcDateTime.Date, TimeSpan.Zero).AddDays(-1);

    [Fact]
    public async Task A_machine_command_whose_write_fails_changes_nothing_and_succeeds_once_storage_works()
    {
        var plant = await new PlantBuilder(fixture.Grains).WithLineAsync(("m1", ["mill"], PackMlState.Idle));
        var machine = fixture.Grains.GetGrain<IMachineGrain>(plant.Id("m1"));
        var before = (await machine.GetView())!;

        using (fixture.Faults.FailWritesOf(machine.GetGrainId()))
        {
            await Assert.ThrowsAsync<StateNotStoredException>(() => machine.ExecuteCommand(PackMlCommand.Start));
            Structurally.Equal(before, await machine.GetView());
        }

        Assert.True((await machine.ExecuteCommand(PackMlCommand.Start)).Accepted);
        var running = await Eventually.ValueAsync(machine.GetView, m => m!.State == PackMlState.Execute);
        var stored = await fixture.StoredAsync<MachineState>("machine", machine.GetGrainId());
        Assert.Equal(PackMlState.Execute, stored.State);
        Assert.Equal(running!.Version, stored.Version);
    }

    [Fact]
    public async Task A_machine_whose_write_and_read_back_both_fail_reloads_from_storage_on_the_next_call()
    {
        var plant = await new PlantBuilder(fixture.Grains).WithLineAsync(("m1", ["mill"], PackMlState.Idle));
        var machine = fixture.Grains.GetGrain<IMachineGrain>(plant.Id("m1"));
        var before = (await machine.GetView())!;

        using (fixture.Faults.FailWritesOf(machine.GetGrainId()))
        {
            using (fixture.Faults.FailReadsOf(machine.GetGrainId()))
            {
                await Assert.ThrowsAsync<StateNotStoredException>(() => machine.ExecuteCommand(PackMlCommand.Start));
            }

            // The activation that could not restore itself is gone: the next call is answered from storage.
            Structurally.Equal(before, await machine.GetView());
        }

        Assert.True((await machine.ExecuteCommand(PackMlCommand.Start)).Accepted);
        await Eventually.ValueAsync(machine.GetView, m => m!.State == PackMlState.Execute);
    }

    [Fact]
    public async Task A_machine_that_cannot_store_an_abort_keeps_its_job_and_does_not_tell_the_work_order()
    {
        var plant = await new PlantBuilder(fixture.Grains).WithLineAsync(("m1", ["mill"], PackMlState.Idle));
        var machine = fixture.Grains.GetGrain<IMachineGrain>(plant.Id("m1"));
        var order = fixture.Grains.GetGrain<IWorkOrderGrain>(plant.Id("wo"));
        Assert.True((await plant.OrderAsync("wo", (10, "mill", "machining"))).Accepted);
        Assert.True((await order.Release(10, plant.Id("m1"), null)).Accepted);
        var running = await Eventually.ValueAsync(order.GetView, o => o!.Operations[0].Status == OperationStatus.Running);
        var producing = await Eventually.ValueAsync(machine.GetView, m => m!.State == PackMlState.Execute && m.Job is not null);

        using (fixture.Faults.FailWritesOf(machine.GetGrainId()))
        {
            // Aborting interrupts the job: the work order may hear of it only once the machine has stored it.
            await Assert.ThrowsAsync<StateNotStoredException>(() => machine.ExecuteCommand(PackMlCommand.Abort));
            Structurally.Equal(producing, await machine.GetView());
            Structurally.Equal(running, await order.GetView());
        }

        Assert.True((await machine.ExecuteCommand(PackMlCommand.Abort)).Accepted);
        await Eventually.ValueAsync(order.GetView, o => o!.Operations[0].Status == OperationStatus.Interrupted);
        Assert.Null((await machine.GetView())!.Job);
    }

    [Fact]
    public async Task A_work_order_whose_first_write_fails_does_not_exist_and_is_created_once_storage_works()
    {
        var plant = await new PlantBuilder(fixture.Grains).WithLineAsync(("m1", ["mill"], PackMlState.Idle));
        var order = fixture.Grains.GetGrain<IWorkOrderGrain>(plant.Id("wo"));

        using (fixture.Faults.FailWritesOf(order.GetGrainId()))
        {
            await Assert.ThrowsAsync<StateNotStoredException>(() => plant.OrderAsync("wo", (10, "mill", "machining")));
            Assert.Null(await order.GetView());
        }

        Assert.True((await plant.OrderAsync("wo", (10, "mill", "machining"))).Accepted);
        var created = (await order.GetView())!;
        var stored = await fixture.StoredAsync<WorkOrderState>("workorder", order.GetGrainId());
        Assert.Equal(created.Id, stored.Order!.Id);
        Assert.Equal(created.Version, stored.Version);
    }

    [Fact]
    public async Task A_reprioritized_work_order_whose_write_fails_keeps_its_priority_until_storage_works()
    {
        var plant = await new PlantBuilder(fixture.Grains).WithLineAsync(("m1", ["mill"], PackMlState.Idle));
        var order = fixture.Grains.GetGrain<IWorkOrderGrain>(plant.Id("wo"));
        Assert.True((await plant.OrderAsync("wo", (10, "mill", "machining"))).Accepted);
        var before = (await order.GetView())!;

        using (fixture.Faults.FailWritesOf(order.GetGrainId()))
        {
            await Assert.ThrowsAsync<StateNotStoredException>(() => order.Reprioritize(before.Priority + 5, null));
            Structurally.Equal(before, await order.GetView());
        }

        Assert.True((await order.Reprioritize(before.Priority + 5, null)).Accepted);
        var stored = await fixture.StoredAsync<WorkOrderState>("workorder", order.GetGrainId());
        Assert.Equal(before.Priority + 5, stored.Order!.Priority);
        Assert.Equal((await order.GetView())!.Version, stored.Version);
    }

    [Fact]
    public async Task A_worker_whose_clock_out_cannot_be_stored_stays_clocked_in_until_storage_works()
    {
        var plant = await new PlantBuilder(fixture.Grains).WithLineAsync(("m1", ["mill"], PackMlState.Idle));
        await plant.WorkerAsync("w1", "machining", 3, DateTimeOffset.UtcNow.AddYears(1), clockedIn: true);
        var worker = fixture.Grains.GetGrain<IWorkerGrain>(plant.Id("w1"));
        var before = (await worker.GetView())!;

        using (fixture.Faults.FailWritesOf(worker.GetGrainId()))
        {
            await Assert.ThrowsAsync<StateNotStoredException>(worker.ClockOut);
            Structurally.Equal(before, await worker.GetView());
        }

        Assert.True((await worker.ClockOut()).Accepted);
        var stored = await fixture.StoredAsync<WorkerState>("worker", worker.GetGrainId());
        Assert.False(stored.ClockedIn);
        Assert.Equal((await worker.GetView())!.Version, stored.Version);
    }

    [Fact]
    public async Task A_machine_log_whose_write_fails_keeps_its_log_and_stops_as_stored()
    {
        var log = fixture.Grains.GetGrain<IMachineLogGrain>("log-" + Guid.NewGuid().ToString("N")[..8]);
        var first = new PlannedStopView(log.GetPrimaryKeyString(), PlannedStopKind.PlannedMaintenance, Hour, Hour.AddHours(1), "first");
        Assert.True((await log.AddPlannedStop(first)).Accepted);
        Assert.True((await log.Post([Event(Hour, PackMlState.Execute)])).Accepted);
        var before = await log.GetLog(Hour.AddDays(-1), Hour.AddDays(1));

        using (fixture.Faults.FailWritesOf(log.GetGrainId()))
        {
            // The interval log is kept beside the state (derived from it): it must be undone as well.
            await Assert.ThrowsAsync<StateNotStoredException>(() => log.Post([Event(Hour.AddMinutes(30), PackMlState.Held)]));
            var second = first with { Start = Hour.AddHours(2), End = Hour.AddHours(3), Note = "second" };
            await Assert.ThrowsAsync<StateNotStoredException>(() => log.AddPlannedStop(second));
            Structurally.Equal(before, await log.GetLog(Hour.AddDays(-1), Hour.AddDays(1)));
        }

        Assert.True((await log.Post([Event(Hour.AddMinutes(30), PackMlState.Held)])).Accepted);
        var after = await log.GetLog(Hour.AddDays(-1), Hour.AddDays(1));
        Assert.Equal([PackMlState.Execute, PackMlState.Held], after.Events.Select(e => e.State));
        var stored = await fixture.StoredAsync<MachineLogState>("machine-log", log.GetGrainId());
        Assert.Equal(after.Version, stored.Version);
        Assert.Equal(after.Events.Select(e => (e.At, e.State)), stored.Events.Select(e => (e.At, e.State)));
        Assert.Equal([first], stored.Stops);
    }

    private static MachineEventInput Event(DateTimeOffset at, PackMlState state) =>
        new(at, state, null, null, null, null, 0, 0, 0, null, null);
}
