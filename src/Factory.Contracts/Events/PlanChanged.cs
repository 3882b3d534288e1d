using Factory.Contracts.Views;

namespace Factory.Contracts.Events;

/// <summary>A new plan was applied at a site (or its modes changed): its version, why, what moved where, and the modes in force.</summary>
[GenerateSerializer, Immutable, Alias("factory.plan-changed")]
public sealed record PlanChanged(
    [property: Id(0)] string Site,
    [property: Id(1)] long PlanVersion,
    [property: Id(2)] string Trigger,
    [property: Id(3)] string Solver,
    [property: Id(4)] PlanObjectiveView? Objective,
    [property: Id(5)] ImmutableArray<PlanMoveView> Moves,
    [property: Id(6)] PlanMode Mode = PlanMode.AutoApply,
    [property: Id(7)] ReleaseMode ReleaseMode = ReleaseMode.Automatic)
    : PlantEvent(Site, Site, PlanVersion)
{
    public override string Kind => "planChanged";
}
