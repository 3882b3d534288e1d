using Factory.Domain.Oee;
using Factory.Grains;
using Factory.Domain.Limits;

namespace Factory.Host.Production;

/// <summary>
/// A machine's recorded state history in a window, restored from its log the same way the KPIs are, so a timeline drawn
/// from it agrees with the figures next to it.
/// </summary>
public sealed class MachineHistory(IGrainFactory grains, PlantClock clock)
{
    /// <summary>Longest window one query may cover.</summary>
    public static readonly TimeSpan MaxWindow = QueryWindow.Detail;

    /// <summary>The stretches overlapping [<paramref name="from"/>, <paramref name="to"/>), oldest first, clipped to the window and to now.</summary>
    public async Task<IReadOnlyList<MachineStateSpan>> StatesAsync(string machineId, DateTimeOffset from, DateTimeOffset to)
    {
        var now = clock.GetUtcNow();
        var end = to < now ? to : now;
        if (end <= from)
        {
            return [];
        }

        var log = await grains.GetGrain<IMachineLogGrain>(machineId).GetLog(from, end);
        return [.. log.Intervals(end)
            .Where(i => i.End > from && i.Start < end)
            .Select(i => new MachineStateSpan(i.State, i.Mode, i.Quality, i.ReasonCode, i.WorkOrderId, i.Start < from ? from : i.Start, i.End > end ? end : i.End))];
    }
}
