namespace Factory.Domain.Work;

/// <summary>What a lifecycle transition did to a work order.</summary>
/// <param name="Order">The order after the transition (the same instance when refused or when nothing changed).</param>
/// <param name="Refusal">Why the transition was refused, or null.</param>
public sealed record LifecycleStep(WorkOrder Order, Refusal? Refusal)
{
    public bool IsRefused => Refusal is not null;
}
