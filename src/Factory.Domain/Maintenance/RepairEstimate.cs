namespace Factory.Domain.Maintenance;

/// <summary>
/// What a new order on a machine is expected to take and need, learned from the orders of its kind done on that machine:
/// the median time the last <see cref="Recent"/> of them took (never under <see cref="Shortest"/>: an order closed at once
/// says nothing of the work), and the skill and certification most of them needed. With no such order, one hour and no
/// skill, for the planner to change.
/// </summary>
/// <param name="Duration">The estimated duration.</param>
/// <param name="Skill">The skill most of those orders needed, or null.</param>
/// <param name="Certification">The certification most of those orders needed, or null.</param>
/// <param name="FromOrders">How many done orders the estimate is drawn from (0: the default).</param>
public sealed record RepairEstimate(TimeSpan Duration, string? Skill, string? Certification, int FromOrders)
{
    /// <summary>How many of the newest done orders count.</summary>
    public const int Recent = 10;

    /// <summary>The estimate when the machine has no done order of the kind.</summary>
    public static readonly TimeSpan Default = TimeSpan.FromHours(1);

    /// <summary>The shortest estimate drawn from history.</summary>
    public static readonly TimeSpan Shortest = TimeSpan.FromMinutes(5);

    /// <summary>The estimate for a new <paramref name="kind"/> order on <paramref name="machineId"/>, from <paramref name="orders"/> (any machines, any states).</summary>
    public static RepairEstimate For(string machineId, MaintenanceKind kind, IEnumerable<MaintenanceOrder> orders)
    {
        ArgumentNullException.ThrowIfNull(orders);
        var done = orders
            .Where(o => o.MachineId == machineId && o.Kind == kind && o.TimeTaken is not null)
            .OrderByDescending(o => o.FinishedAt)
            .Take(Recent)
            .ToList();
        if (done.Count == 0)
        {
            return new RepairEstimate(Default, null, null, 0);
        }

        var taken = done.Select(o => o.TimeTaken!.Value).Order().ToList();
        var median = taken.Count % 2 == 1 ? taken[taken.Count / 2] : (taken[(taken.Count / 2) - 1] + taken[taken.Count / 2]) / 2;
        return new RepairEstimate(median < Shortest ? Shortest : median, MostNeeded(done, o => o.Skill), MostNeeded(done, o => o.Certification), done.Count);
    }

    // The value most orders had, the newest order's on a tie (done is newest first); null when most had none.
    private static string? MostNeeded(List<MaintenanceOrder> done, Func<MaintenanceOrder, string?> of) =>
        done.Select((o, i) => (Value: of(o), i))
            .GroupBy(x => x.Value, StringComparer.OrdinalIgnoreCase)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Min(x => x.i))
            .First().Key;
}
