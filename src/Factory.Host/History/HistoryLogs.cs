using Factory.Contracts.Production;
using Factory.Domain.History;

namespace Factory.Host.History;

/// <summary>
/// A machine's log for a window read from the historian, in the shape every log reader (KPIs, downtime, history,
/// staff) starts from, so they read the same figures from the store as from the grain. Planned stops are not
/// history (they are plans): they come from the grain's log.
/// </summary>
public static class HistoryLogs
{
    public static async Task<MachineLogView> ReadAsync(IHistorian historian, MachineLogView planned, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(historian);
        ArgumentNullException.ThrowIfNull(planned);
        var states = await historian.StatesAsync(planned.MachineId, from, to, cancellationToken);
        var counts = await historian.CountsAsync(planned.MachineId, from, to, cancellationToken);
        return planned with
        {
            Events = [.. states.Select(StateEventView.From)],
            Counts = [.. counts.Select(CountView.From)],
        };
    }
}
