using Factory.Contracts.Production;
using Factory.Grains.State;
using Factory.Grains.Storage;

namespace Factory.Grains;

/// <summary>A site's incident register. Thin: <see cref="Factory.Domain.Safety.Incident.Validate"/> checks each record.</summary>
public sealed class IncidentLogGrain(
    [PersistentState("incidents", StorageNames.Plant)] IPersistentState<IncidentLogState> state) : Grain, IIncidentLogGrain
{
    /// <summary>The register keeps this many incidents; older ones belong in an archive.</summary>
    public const int Capacity = 50_000;

    public async Task<CommandResult> Record(IncidentView incident)
    {
        var s = state.State;
        if (incident is null)
        {
            return CommandResult.Refused(Refusal.Invalid("no incident given"), s.Version);
        }

        if (incident.ToDomain().Validate() is { Count: > 0 } problems)
        {
            return CommandResult.Refused(Refusal.Invalid(string.Join("; ", problems)), s.Version);
        }

        if (s.Incidents.Any(i => i.Id == incident.Id))
        {
            return CommandResult.Refused(Refusal.Conflict($"incident '{incident.Id}' is already recorded"), s.Version);
        }

        s.Incidents.Add(incident);
        if (s.Incidents.Count > Capacity)
        {
            s.Incidents.RemoveRange(0, s.Incidents.Count - Capacity);
        }

        s.Version++;
        await state.SaveOrRestoreAsync(this);
        return CommandResult.Ok(s.Version);
    }

    public Task<ImmutableArray<IncidentView>> Get(DateTimeOffset? from, DateTimeOffset? to) =>
        Task.FromResult(state.State.Incidents.Where(i => (from is null || i.At >= from) && (to is null || i.At < to)).OrderBy(i => i.At).ToImmutableArray());
}
