namespace Factory.Domain.Maintenance;

/// <summary>
/// Maintenance compliance of a machine over a period: the planned or preventive orders whose deadline fell in it, by outcome.
/// </summary>
/// <param name="Orders">The orders counted, with their deadline and outcome, deadline first.</param>
public sealed record MaintenanceComplianceSummary(IReadOnlyList<ComplianceEntry> Orders)
{
    /// <summary>Every order whose deadline fell in the period, cancelled ones included.</summary>
    public int Due => Orders.Count;

    public int OnTime => Count(ComplianceOutcome.OnTime);

    public int Late => Count(ComplianceOutcome.Late);

    public int Overdue => Count(ComplianceOutcome.Overdue);

    public int Open => Count(ComplianceOutcome.Open);

    public int Cancelled => Count(ComplianceOutcome.Cancelled);

    /// <summary>
    /// On time / (on time + late + overdue): the share of orders whose deadline has passed that were done by it; null when
    /// none has passed yet. Open orders not yet due and cancelled ones are neither kept nor missed.
    /// </summary>
    public double? Rate => OnTime + Late + Overdue is var decided and > 0 ? (double)OnTime / decided : null;

    private int Count(ComplianceOutcome outcome) => Orders.Count(o => o.Outcome == outcome);
}
