using Factory.Scheduling.Instances;
using Factory.Scheduling.Model;
using Factory.Scheduling.Plans;
using Factory.Scheduling.Replanning;
using Factory.Scheduling.Solvers;
using FsCheck.Xunit;
using Xunit;

namespace Factory.Scheduling.Tests;

public sealed class ConstructivePlannerTests
{
    [Property(MaxTest = 300)]
    public void On_random_shops_the_constructive_plan_is_valid_and_never_worse_than_insertion_or_the_dispatcher(int seed)
    {
        var problem = RandomShop.Create(seed, maxJobs: 8, maxOps: 5);
        var insertion = new InsertionScheduler().Solve(problem);
        var dispatcher = new GreedyDispatcher().Solve(problem);

        var constructive = new ConstructivePlanner().Solve(problem);

        Shop.AssertValid(problem, constructive.Plan);
        if (insertion.Plan is not null)
        {
            Shop.AssertValid(problem, insertion.Plan);
            Assert.False(insertion.Objective!.IsBetterThan(constructive.Objective!, problem.Objective));
        }

        if (dispatcher.Plan is not null)
        {
            Assert.False(dispatcher.Objective!.IsBetterThan(constructive.Objective!, problem.Objective));
        }
    }

    [Property(MaxTest = 150)]
    public void With_frozen_and_pinned_work_the_constructive_plan_keeps_both(int seed, byte when)
    {
        var problem = RandomShop.Create(seed, maxJobs: 8, maxOps: 5);
        var current = new GreedyDispatcher().Solve(problem).Plan!;
        var at = current.Makespan == 0 ? 0 : when % current.Makespan;
        var next = Replanner.FreezeStarted(problem, current, at, null);
        var free = current.Operations.Where(s => s.Start >= at).ToList();
        if (free.Count > 0)
        {
            var pin = free[Math.Abs(seed % free.Count)];
            next = next with { Pinned = [new PinnedOperation(pin.OperationId, pin.MachineId, pin.WorkerId)] };
        }

        var result = new ConstructivePlanner().Solve(next, current);

        Shop.AssertValid(next, result.Plan);
        Assert.False(new InsertionScheduler().Solve(next).Objective is { } inserted && inserted.IsBetterThan(result.Objective!, next.Objective));
    }

    [Fact]
    public void The_search_is_reproducible_and_beats_the_rules_on_a_classic_instance()
    {
        var problem = JsplibReader.Read(Benchmarks.Jsplib("la16"));
        var rulesOnly = new ConstructivePlanner(new ConstructiveOptions(SearchWork: 0)).Solve(problem);

        var first = new ConstructivePlanner().Solve(problem);
        var again = new ConstructivePlanner().Solve(problem);

        Shop.AssertValid(problem, first.Plan);
        Assert.Equal(first.Plan!.Operations, again.Plan!.Operations);
        Assert.True(first.Plan.Makespan < rulesOnly.Plan!.Makespan, $"search {first.Plan.Makespan}, rules {rulesOnly.Plan.Makespan}");
        Assert.True(rulesOnly.Plan.Makespan <= new GreedyDispatcher().Solve(problem).Plan!.Makespan);
    }

    [Fact]
    public void A_spent_time_budget_stops_the_search_where_the_rules_left_the_plan()
    {
        var problem = JsplibReader.Read(Benchmarks.Jsplib("la16"));
        var clock = new SteppingClock();

        var result = new ConstructivePlanner(new ConstructiveOptions(TimeLimit: TimeSpan.FromMilliseconds(1)), clock).Solve(problem);

        Assert.Equal(new ConstructivePlanner(new ConstructiveOptions(SearchWork: 0)).Solve(problem).Plan!.Makespan, result.Plan!.Makespan);
    }

    [Fact]
    public void Insertion_loads_whole_orders_by_priority_into_the_first_free_slot()
    {
        var problem = new SchedulingProblem(
            [new Machine("A"), new Machine("B", [new TimeWindow(0, 5)])],
            [
                new Job("low", [Shop.Op("l1", ("A", 4)), Shop.Op("l2", ("B", 2))], Due: 20, Weight: 1),
                new Job("high", [Shop.Op("h1", ("A", 3)), Shop.Op("h2", ("A", 2), ("B", 2))], Due: 30, Weight: 3),
            ],
            [], [], [], ObjectiveKind.WeightedTardinessThenMakespan);

        var plan = new InsertionScheduler().Solve(problem).Plan!.ByOperation();

        // The higher priority order is loaded first: h1 [0,3) on A; h2 finishes earlier on A [3,5) than on B after its window [5,7).
        // Then the low one, behind what is booked: l1 on A [5,9), l2 on B [9,11).
        Assert.Equal((0L, 3L), (plan["h1"].Start, plan["h1"].End));
        Assert.Equal(("A", 3L), (plan["h2"].MachineId, plan["h2"].Start));
        Assert.Equal((5L, 9L), (plan["l1"].Start, plan["l1"].End));
        Assert.Equal(("B", 9L), (plan["l2"].MachineId, plan["l2"].Start));
    }

    /// <summary>A clock that moves a second forward every time it is read, so any time budget is spent at once.</summary>
    private sealed class SteppingClock : TimeProvider
    {
        private long _ticks;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => _ticks += TimeSpan.TicksPerSecond;
    }
}
