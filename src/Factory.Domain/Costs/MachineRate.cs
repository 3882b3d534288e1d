namespace Factory.Domain.Costs;

/// <summary>What an hour of a machine costs, by what it is doing.</summary>
/// <param name="RunningPerHour">While it produces an operation (energy, wear, depreciation while running).</param>
/// <param name="IdlePerHour">While it waits: released but not started, or carrying no order at all.</param>
public sealed record MachineRate(decimal RunningPerHour, decimal IdlePerHour)
{
    /// <summary>A machine that costs nothing (no rate given in the plant file).</summary>
    public static MachineRate Free { get; } = new(0m, 0m);
}
