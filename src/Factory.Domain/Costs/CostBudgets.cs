using Factory.Domain.Calendars;
using Factory.Domain.Oee;

namespace Factory.Domain.Costs;

/// <summary>A site's budgets: per work order (the whole order), per line (per hour it is staffed) and per shift of the site.</summary>
/// <param name="WorkOrders">Work order id → budget of the whole order.</param>
/// <param name="LinesPerHour">Line id → budget per hour; a window's budget is this times its hours.</param>
/// <param name="Shifts">Shift name (as in the calendar) → budget of the whole site for one such shift.</param>
public sealed record CostBudgets(
    ImmutableDictionary<string, decimal> WorkOrders,
    ImmutableDictionary<string, decimal> LinesPerHour,
    ImmutableDictionary<string, decimal> Shifts)
{
    public static CostBudgets None { get; } = new(
        ImmutableDictionary<string, decimal>.Empty.WithComparers(StringComparer.OrdinalIgnoreCase),
        ImmutableDictionary<string, decimal>.Empty.WithComparers(StringComparer.OrdinalIgnoreCase),
        ImmutableDictionary<string, decimal>.Empty.WithComparers(StringComparer.OrdinalIgnoreCase));

    public decimal? ForWorkOrder(string workOrderId) => WorkOrders.TryGetValue(workOrderId, out var b) ? b : null;

    /// <summary>A line's budget over a span: its hourly budget times the span's hours (null without one).</summary>
    public decimal? ForLine(string lineId, TimeSpan span) =>
        LinesPerHour.TryGetValue(lineId, out var perHour) ? perHour * (decimal)span.TotalHours : null;

    public decimal? ForShift(string shiftName) => Shifts.TryGetValue(shiftName, out var b) ? b : null;

    /// <summary>
    /// The site's budget over a window: each shift's budget times the share of the shift inside the window (the
    /// current shift so far has that much of its budget to spend). Null when no shift in the window has a budget.
    /// </summary>
    public decimal? ForShifts(IEnumerable<ShiftInstance> shifts, TimeRange window)
    {
        ArgumentNullException.ThrowIfNull(shifts);
        decimal? total = null;
        foreach (var shift in shifts)
        {
            if (ForShift(shift.ShiftName) is { } budget && shift.Duration > TimeSpan.Zero && shift.Range.Intersect(window) is { } inside)
            {
                total = (total ?? 0m) + budget * inside.Duration.Ticks / shift.Duration.Ticks;
            }
        }

        return total;
    }

    /// <summary>What is wrong with the budgets (negative amounts); empty when they are fine.</summary>
    public IReadOnlyList<string> Validate() =>
    [
        .. WorkOrders.Where(kv => kv.Value < 0).Select(kv => $"work order '{kv.Key}' has a negative budget"),
        .. LinesPerHour.Where(kv => kv.Value < 0).Select(kv => $"line '{kv.Key}' has a negative budget"),
        .. Shifts.Where(kv => kv.Value < 0).Select(kv => $"shift '{kv.Key}' has a negative budget"),
    ];
}
