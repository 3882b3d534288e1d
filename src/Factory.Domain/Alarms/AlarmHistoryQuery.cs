namespace Factory.Domain.Alarms;

/// <summary>A search of alarm history; every criterion left null matches everything.</summary>
/// <param name="State">Events that led into this state.</param>
/// <param name="User">Events done by this user (case-insensitive).</param>
/// <param name="Limit">At most this many events (newest first), so an answer stays bounded.</param>
public sealed record AlarmHistoryQuery(
    DateTimeOffset? From = null,
    DateTimeOffset? To = null,
    string? MachineId = null,
    AlarmState? State = null,
    string? User = null,
    string? AlarmId = null,
    int Limit = 1000)
{
    /// <summary>The matching events, newest first.</summary>
    public IReadOnlyList<AlarmEvent> Apply(IEnumerable<AlarmEvent> history)
    {
        ArgumentNullException.ThrowIfNull(history);
        var limit = Math.Clamp(Limit, 0, 100_000);
        return history
            .Where(e => (From is null || e.At >= From) && (To is null || e.At < To))
            .Where(e => MachineId is null || string.Equals(e.MachineId, MachineId, StringComparison.OrdinalIgnoreCase))
            .Where(e => AlarmId is null || string.Equals(e.AlarmId, AlarmId, StringComparison.OrdinalIgnoreCase))
            .Where(e => State is null || e.To == State)
            .Where(e => User is null || string.Equals(e.Who, User, StringComparison.OrdinalIgnoreCase))
            .OrderByDescending(e => e.At)
            .Take(limit)
            .ToList();
    }
}
