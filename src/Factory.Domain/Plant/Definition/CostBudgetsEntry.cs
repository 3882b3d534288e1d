namespace Factory.Domain.Plant.Definition;

/// <summary>Budgets in the plant file's <c>costs.budgets</c>.</summary>
public sealed class CostBudgetsEntry
{
    /// <summary>Work order id → budget of the whole order.</summary>
    public Dictionary<string, decimal> WorkOrders { get; set; } = [];

    /// <summary>Line id → budget per hour.</summary>
    public Dictionary<string, decimal> LinesPerHour { get; set; } = [];

    /// <summary>Shift name (as in the shift calendar) → the site's budget for one such shift.</summary>
    public Dictionary<string, decimal> Shifts { get; set; } = [];
}
