using Factory.Grains.State;
using Factory.Grains.Storage;

namespace Factory.Grains;

/// <summary>A site's directory of lines, machines, workers and work orders.</summary>
public sealed class SiteGrain(
    [PersistentState("site", StorageNames.Plant)] IPersistentState<SiteState> state,
    PlantClock clock) : Grain, ISiteGrain
{
    public async Task Define(SiteSpec spec)
    {
        if (state.State.Spec == spec && state.State.ObservedSince is not null)
        {
            return;
        }

        state.State.Spec = spec;
        state.State.ObservedSince ??= clock.GetUtcNow();
        state.State.Version++;
        await state.SaveOrRestoreAsync(this);
    }

    public Task<SiteView?> GetView()
    {
        var s = state.State;
        return Task.FromResult(s.Spec is null
            ? null
            : new SiteView(s.Spec.Id, s.Spec.Name, s.Spec.TimeZone, [.. s.LineIds], [.. s.MachineIds], [.. s.WorkerIds], [.. s.WorkOrderIds], s.Version, s.ObservedSince));
    }

    public async Task Register(SiteMember kind, string id)
    {
        var list = kind switch
        {
            SiteMember.Line => state.State.LineIds,
            SiteMember.Machine => state.State.MachineIds,
            SiteMember.Worker => state.State.WorkerIds,
            SiteMember.WorkOrder => state.State.WorkOrderIds,
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown site member kind"),
        };
        if (list.Contains(id))
        {
            return;
        }

        list.Add(id);
        state.State.Version++;
        await state.SaveOrRestoreAsync(this);
        if (kind == SiteMember.WorkOrder)
        {
            // The dispatcher plans what the site lists: an order created a moment before it was listed is planned now.
            GrainFactory.GetGrain<IDispatcherGrain>(this.GetPrimaryKeyString()).OnWorkOrderChanged(id).Ignore();
        }
    }
}
