using Factory.Contracts.Views;

namespace Factory.Contracts.Scenarios;

/// <summary>A planned what-if scenario and how it compares with the live plan. Nothing live changed to compute it.</summary>
/// <param name="Id">Scenario number, unique per site (kept in the dispatcher's memory; the latest few only).</param>
/// <param name="BasedOnVersion">The live plan version it was compared with; proposing or applying it after the plan moved on is refused.</param>
/// <param name="Status">planned, infeasible, proposed or applied.</param>
/// <param name="Solver">Which plan won: the constructive planner's or CP-SAT's.</param>
/// <param name="Live">The live plan's figures.</param>
/// <param name="Scenario">The scenario plan's figures (its own due dates and priorities), null when infeasible.</param>
/// <param name="MachineChanges">Operations on another machine than in the live plan.</param>
/// <param name="WorkerChanges">Operations with another worker than in the live plan.</param>
/// <param name="Moves">Every operation whose machine, worker or time differs from the live plan.</param>
/// <param name="Operations">The scenario plan (rush orders included).</param>
/// <param name="Notes">What the scenario could not use or why it is infeasible.</param>
/// <param name="Maintenance">Where the scenario plan placed the maintenance orders due (their slots move with the work around them).</param>
[GenerateSerializer, Immutable, Alias("factory.scenario-view")]
public sealed record ScenarioView(
    [property: Id(0)] long Id,
    [property: Id(1)] string SiteId,
    [property: Id(2)] string Name,
    [property: Id(3)] long BasedOnVersion,
    [property: Id(4)] DateTimeOffset PlannedAt,
    [property: Id(5)] string RequestedBy,
    [property: Id(6)] string Status,
    [property: Id(7)] string Solver,
    [property: Id(8)] double ElapsedMilliseconds,
    [property: Id(9)] ImmutableArray<ScenarioChangeSpec> Changes,
    [property: Id(10)] PlanObjectiveView Live,
    [property: Id(11)] PlanObjectiveView? Scenario,
    [property: Id(12)] int MachineChanges,
    [property: Id(13)] int WorkerChanges,
    [property: Id(14)] ImmutableArray<PlanMoveView> Moves,
    [property: Id(15)] ImmutableArray<ScenarioOrderView> Orders,
    [property: Id(16)] ImmutableArray<PlannedOperationView> Operations,
    [property: Id(17)] ImmutableArray<string> Notes,
    [property: Id(18)] ImmutableArray<PlannedMaintenanceView> Maintenance);
