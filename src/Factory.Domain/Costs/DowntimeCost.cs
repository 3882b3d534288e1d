using Factory.Domain.Oee;

namespace Factory.Domain.Costs;

/// <summary>
/// What a machine's lost time cost: its hours down at the machine's idle rate, the rate the cost model charges a machine
/// that is not producing (<see cref="WindowCosts"/>). Only where the plant file gives the machine a rate: a machine without
/// one has no known cost of downtime, which is not the same as a downtime that cost nothing.
/// </summary>
public static class DowntimeCost
{
    /// <summary>The cost of <paramref name="machineId"/>'s <paramref name="stops"/>, or null when the machine has no rate.</summary>
    public static decimal? Of(string machineId, IEnumerable<DowntimeStop> stops, CostRates rates)
    {
        ArgumentNullException.ThrowIfNull(stops);
        ArgumentNullException.ThrowIfNull(rates);
        if (rates.Machines.GetValueOrDefault(machineId) is not { } rate)
        {
            return null;
        }

        var lost = TimeSpan.FromTicks(stops.Where(s => string.Equals(s.MachineId, machineId, StringComparison.OrdinalIgnoreCase)).Sum(s => s.Duration.Ticks));
        return RunCosts.Hours(lost) * rate.IdlePerHour;
    }
}
