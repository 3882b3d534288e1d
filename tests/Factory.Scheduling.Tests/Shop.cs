using Factory.Scheduling.Model;
using Factory.Scheduling.Plans;
using Xunit;

namespace Factory.Scheduling.Tests;

/// <summary>Small hand-made problems and assertions shared by the tests.</summary>
internal static class Shop
{
    public static JobOperation Op(string id, params (string Machine, long Duration)[] alternatives) =>
        new(id, alternatives.Select(a => new OperationAlternative(a.Machine, a.Duration)).ToList());

    public static JobOperation SkilledOp(string id, string skill, int level, params (string Machine, long Duration)[] alternatives) =>
        new(id, alternatives.Select(a => new OperationAlternative(a.Machine, a.Duration)).ToList(), skill, level);

    /// <summary>One welding operation that M1 or M2 does in 10, and two welders, ann and bob, who could each do it at once.</summary>
    public static SchedulingProblem OneWeldTwoWelders(ObjectiveKind objective = ObjectiveKind.WeightedTardinessThenMakespan) => new(
        [new Machine("M1"), new Machine("M2")],
        [new Job("J", [SkilledOp("op", "weld", 1, ("M1", 10), ("M2", 10))])],
        [new ShiftWorker("ann", [new WorkerSkill("weld")]), new ShiftWorker("bob", [new WorkerSkill("weld")])],
        [], [], objective);

    public static void AssertValid(SchedulingProblem problem, SchedulePlan? plan)
    {
        Assert.NotNull(plan);
        var violations = PlanChecker.Check(problem, plan);
        Assert.True(violations.Count == 0, "plan violates: " + string.Join("; ", violations.Take(10)));
    }
}
