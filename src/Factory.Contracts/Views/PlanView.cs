namespace Factory.Contracts.Views;

/// <summary>A site's plan in force, its mode and the pending proposal if any.</summary>
/// <param name="Version">Grows by one with every applied plan.</param>
/// <param name="ReleaseMode">Whether planned operations reach their machines by themselves or when a person releases them.</param>
/// <param name="Maintenance">Due maintenance orders the plan placed (their machines are down then); empty when none.</param>
/// <param name="Unplanned">Operations no feasible plan could place (e.g. no capable machine or qualified worker), with the reason.</param>
[GenerateSerializer, Immutable, Alias("factory.plan-view")]
public sealed record PlanView(
    [property: Id(0)] string SiteId,
    [property: Id(1)] long Version,
    [property: Id(2)] PlanMode Mode,
    [property: Id(3)] DateTimeOffset? AppliedAt,
    [property: Id(4)] string Trigger,
    [property: Id(5)] string Solver,
    [property: Id(6)] PlanObjectiveView? Objective,
    [property: Id(7)] ImmutableArray<PlannedOperationView> Operations,
    [property: Id(8)] ImmutableArray<string> Unplanned,
    [property: Id(9)] PlanProposalView? Proposal,
    [property: Id(10)] ReleaseMode ReleaseMode = ReleaseMode.Automatic,
    ImmutableArray<PlannedMaintenanceView> Maintenance = default)
{
    /// <summary>The placed maintenance (never default: a plan stored before maintenance was placed reads as none).</summary>
    [Id(11)]
    public ImmutableArray<PlannedMaintenanceView> Maintenance { get; init; } = Maintenance.IsDefault ? [] : Maintenance;
}
