namespace Factory.Domain.Maintenance;

/// <summary>What a maintenance lifecycle transition did to an order.</summary>
/// <param name="Order">The order after the transition (the same instance when refused).</param>
/// <param name="Refusal">Why the transition was refused, or null.</param>
public sealed record MaintenanceStep(MaintenanceOrder Order, Refusal? Refusal)
{
    public bool IsRefused => Refusal is not null;
}
