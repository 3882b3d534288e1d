namespace Factory.Contracts.Views;

/// <summary>How a site takes new plans.</summary>
public enum PlanMode
{
    /// <summary>Every better plan is applied at once.</summary>
    AutoApply = 0,

    /// <summary>A re-plan is offered; a manager accepts or rejects it.</summary>
    Proposal = 1,
}
