using Factory.Scheduling.Model;
using Factory.Scheduling.Plans;
using Xunit;

namespace Factory.Scheduling.Tests;

public sealed class PlanHysteresisTests
{
    private static readonly ObjectiveValues InForce = new(WeightedTardiness: 1_000, Makespan: 10_000);

    [Fact]
    public void A_plan_better_by_less_than_the_margin_does_not_replace_the_plan_in_force()
    {
        var slightly = new ObjectiveValues(990, 9_990);

        Assert.True(slightly.IsBetterThan(InForce, ObjectiveKind.WeightedTardinessThenMakespan));
        Assert.False(slightly.ImprovesOnBy(InForce, ObjectiveKind.WeightedTardinessThenMakespan, 120));
        Assert.False(slightly.ImprovesOnBy(InForce, ObjectiveKind.Makespan, 120));
    }

    [Fact]
    public void Tardiness_lower_by_the_margin_replaces_it_even_with_a_longer_makespan()
    {
        Assert.True(new ObjectiveValues(880, 10_500).ImprovesOnBy(InForce, ObjectiveKind.WeightedTardinessThenMakespan, 120));
    }

    [Fact]
    public void At_equal_or_lower_tardiness_a_makespan_shorter_by_the_margin_replaces_it_but_not_with_higher_tardiness()
    {
        Assert.True(new ObjectiveValues(1_000, 9_880).ImprovesOnBy(InForce, ObjectiveKind.WeightedTardinessThenMakespan, 120));
        Assert.False(new ObjectiveValues(1_001, 9_000).ImprovesOnBy(InForce, ObjectiveKind.WeightedTardinessThenMakespan, 120));
        Assert.True(new ObjectiveValues(5_000, 9_880).ImprovesOnBy(InForce, ObjectiveKind.Makespan, 120));
    }

    [Fact]
    public void No_margin_is_strictly_better_and_an_equal_plan_never_replaces()
    {
        Assert.True(new ObjectiveValues(999, 10_000).ImprovesOnBy(InForce, ObjectiveKind.WeightedTardinessThenMakespan, 0));
        Assert.False(InForce.ImprovesOnBy(InForce, ObjectiveKind.WeightedTardinessThenMakespan, 0));
        Assert.False(InForce.ImprovesOnBy(InForce, ObjectiveKind.WeightedTardinessThenMakespan, 120));
    }
}
