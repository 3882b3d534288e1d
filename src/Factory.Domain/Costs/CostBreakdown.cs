namespace Factory.Domain.Costs;

/// <summary>Money split by what it paid for; the parts always add up to <see cref="Total"/>.</summary>
/// <param name="Labour">Workers' time on their operations, from release to end of each run.</param>
/// <param name="Machine">Machines' time on operations: running at the running rate, released but not yet running at the idle rate.</param>
/// <param name="Idle">Machines' time carrying no order at all, at the idle rate (only over a window, never for an order).</param>
/// <param name="Material">Material of every unit entering the routing (good and scrap of the first operation).</param>
/// <param name="Scrap">Scrapped units at any operation times the product's scrap cost.</param>
public sealed record CostBreakdown(decimal Labour, decimal Machine, decimal Idle, decimal Material, decimal Scrap)
{
    public static CostBreakdown Zero { get; } = new(0m, 0m, 0m, 0m, 0m);

    public decimal Total => Labour + Machine + Idle + Material + Scrap;

    public static CostBreakdown operator +(CostBreakdown a, CostBreakdown b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return new(a.Labour + b.Labour, a.Machine + b.Machine, a.Idle + b.Idle, a.Material + b.Material, a.Scrap + b.Scrap);
    }

    /// <summary>The same money rounded to cents (away from zero), for display; sums are taken before rounding.</summary>
    public CostBreakdown Rounded() => new(R(Labour), R(Machine), R(Idle), R(Material), R(Scrap));

    public static CostBreakdown Sum(IEnumerable<CostBreakdown> parts) => parts.Aggregate(Zero, (sum, part) => sum + part);

    private static decimal R(decimal value) => Math.Round(value, 2, MidpointRounding.AwayFromZero);
}
