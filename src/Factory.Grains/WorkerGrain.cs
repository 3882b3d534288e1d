using Factory.Grains.State;
using Factory.Grains.Storage;

namespace Factory.Grains;

/// <summary>A worker: definition and clock.</summary>
public sealed class WorkerGrain(
    [PersistentState("worker", StorageNames.Plant)] IPersistentState<WorkerState> state,
    PlantClock clock) : Grain, IWorkerGrain
{
    public async Task Define(WorkerSpec spec)
    {
        var s = state.State;
        if (spec.SameAs(s.Spec))
        {
            return;
        }

        if (s.Spec is null)
        {
            s.ClockedIn = spec.ClockedIn;
            s.ClockedInSince = spec.ClockedIn ? clock.GetUtcNow() : null;
        }

        s.Spec = spec;
        await CommitAsync();
    }

    public Task<WorkerView?> GetView() => Task.FromResult(state.State.Spec is null ? null : BuildView());

    public Task<CommandResult> ClockIn() => SetClock(true);

    public Task<CommandResult> ClockOut() => SetClock(false);

    private async Task<CommandResult> SetClock(bool clockedIn)
    {
        var s = state.State;
        if (s.Spec is null)
        {
            return CommandResult.Refused(Refusal.NotFound($"worker {this.GetPrimaryKeyString()} does not exist"), 0);
        }

        if (s.ClockedIn == clockedIn)
        {
            return CommandResult.Refused(
                Refusal.Conflict($"worker {s.Spec.Id} is already clocked {(clockedIn ? "in" : "out")}"), s.Version);
        }

        s.ClockedIn = clockedIn;
        s.ClockedInSince = clockedIn ? clock.GetUtcNow() : null;
        await CommitAsync();
        GrainFactory.GetGrain<IDispatcherGrain>(s.Spec.SiteId).OnWorkerChanged(s.Spec.Id).Ignore();
        return CommandResult.Ok(s.Version);
    }

    private async Task CommitAsync()
    {
        state.State.Version++;
        await state.SaveOrRestoreAsync(this);
        var view = BuildView();
        GrainFactory.GetGrain<IPlantFeedGrain>(view.SiteId).Publish(new WorkerChanged(view)).Ignore();
    }

    private WorkerView BuildView()
    {
        var s = state.State;
        var spec = s.Spec!;
        return new WorkerView(spec.Id, spec.SiteId, spec.Name, spec.Skills, spec.Certifications, spec.Shift, s.ClockedIn, s.ClockedInSince, s.Version);
    }
}
