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

    public static void AssertValid(SchedulingProblem problem, SchedulePlan? plan)
    {
        Assert.NotNull(plan);
        var violations = PlanChecker.Check(problem, plan);
        Assert.True(violations.Count == 0, "plan violates: " + string.Join("; ", violations.Take(10)));
    }
}
