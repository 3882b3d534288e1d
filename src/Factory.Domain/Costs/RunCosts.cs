using Factory.Domain.Oee;
using Factory.Domain.Work;

namespace Factory.Domain.Costs;

/// <summary>
/// The cost of one run of an operation: the one rule every other cost is a sum of, so an order, a line and a shift
/// always agree.
/// </summary>
public static class RunCosts
{
    /// <summary>
    /// What <paramref name="run"/> of <paramref name="operation"/> cost, inside <paramref name="window"/> when given.
    /// The machine costs its idle rate from release to start and its running rate from start to end; the worker costs
    /// their rate from release to end (they set up and watch the machine); an open run counts up to <paramref name="now"/>.
    /// Counts are not time-stamped within a run, so a window that takes part of the running time takes the same
    /// share of its units (material and scrap).
    /// </summary>
    /// <param name="isFirstOperation">Whether this is the order's first operation, where material enters.</param>
    public static CostBreakdown Of(
        OperationRun run, Operation operation, string product, bool isFirstOperation, CostRates rates, DateTimeOffset now, TimeRange? window = null)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(rates);
        var end = run.EndedAt ?? now;
        if (end <= run.ReleasedAt)
        {
            return CostBreakdown.Zero;
        }

        var started = run.StartedAt is { } s ? Clamp(s, run.ReleasedAt, end) : end;
        var released = Clip(new TimeRange(run.ReleasedAt, started), window);
        var running = new TimeRange(started, end);
        var runningInWindow = Clip(running, window);
        var whole = Clip(new TimeRange(run.ReleasedAt, end), window);

        var machineRate = rates.MachineRateOf(run.MachineId);
        var machine = Hours(runningInWindow) * machineRate.RunningPerHour + Hours(released) * machineRate.IdlePerHour;
        var labour = run.WorkerId is { } worker ? Hours(whole) * rates.Labour.RateFor(worker, operation.Skill) : 0m;

        // Units follow running time; a run that never ran has its units (if a PLC counted any) at its release, the one
        // instant of it every window either holds or not, so adjacent windows still add up.
        var share = window is not { } w ? 1m
            : running.Duration > TimeSpan.Zero ? (decimal)runningInWindow.Ticks / running.Duration.Ticks
            : w.Contains(run.ReleasedAt) ? 1m : 0m;
        var productCost = rates.ProductCostOf(product);
        var material = isFirstOperation ? (Math.Max(0, run.Good) + Math.Max(0, run.Scrap)) * share * productCost.MaterialPerUnit : 0m;
        var scrap = Math.Max(0, run.Scrap) * share * productCost.ScrapPerUnit;
        return new CostBreakdown(labour, machine, 0m, material, scrap);
    }

    /// <summary>Exact hours of a span as a decimal (ticks are exact, so worked cases come out to the cent).</summary>
    public static decimal Hours(TimeSpan span) => span <= TimeSpan.Zero ? 0m : (decimal)span.Ticks / TimeSpan.TicksPerHour;

    private static TimeSpan Clip(TimeRange range, TimeRange? window) =>
        window is { } w ? range.Intersect(w)?.Duration ?? TimeSpan.Zero : range.Duration;

    private static DateTimeOffset Clamp(DateTimeOffset at, DateTimeOffset min, DateTimeOffset max) => at < min ? min : at > max ? max : at;
}
