namespace Factory.Contracts.Views;

/// <summary>A re-plan waiting for a manager's decision (proposal mode).</summary>
/// <param name="Id">Proposal number, unique per site.</param>
/// <param name="BasedOnVersion">The plan version it replaces; accepting it after the plan changed is refused.</param>
/// <param name="Maintenance">Where the proposal places due maintenance orders: applied with it.</param>
/// <param name="PlannedAt">When the plan was computed from the plant's state.</param>
[GenerateSerializer, Immutable, Alias("factory.plan-proposal-view")]
public sealed record PlanProposalView(
    [property: Id(0)] long Id,
    [property: Id(1)] long BasedOnVersion,
    [property: Id(2)] string Trigger,
    [property: Id(3)] string Solver,
    [property: Id(4)] DateTimeOffset PlannedAt,
    [property: Id(5)] PlanObjectiveView Objective,
    [property: Id(6)] ImmutableArray<PlanMoveView> Moves,
    [property: Id(7)] ImmutableArray<PlannedOperationView> Operations,
    ImmutableArray<PlannedMaintenanceView> Maintenance = default)
{
    /// <summary>The placed maintenance (never default: a proposal stored before maintenance was placed reads as none).</summary>
    [Id(8)]
    public ImmutableArray<PlannedMaintenanceView> Maintenance { get; init; } = Maintenance.IsDefault ? [] : Maintenance;
}
