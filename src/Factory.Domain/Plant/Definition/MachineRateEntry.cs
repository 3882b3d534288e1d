namespace Factory.Domain.Plant.Definition;

/// <summary>A machine's hourly rates in the plant file's <c>costs.machines</c>.</summary>
public sealed class MachineRateEntry
{
    public decimal RunningPerHour { get; set; }

    public decimal IdlePerHour { get; set; }
}
