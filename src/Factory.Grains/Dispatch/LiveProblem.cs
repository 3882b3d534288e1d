using Factory.Scheduling.Model;
using Factory.Scheduling.Plans;

namespace Factory.Grains.Dispatch;

/// <summary>The plant in scheduling terms at one instant: the model, what it was built from, the problem and the plan in force.</summary>
internal sealed record LiveProblem(
    ShopModel Model,
    PlantPicture Picture,
    SchedulingProblem Problem,
    ImmutableArray<string> Unplanned,
    SchedulePlan Current);
