using Factory.Scheduling.Model;
using Factory.Scheduling.Plans;
using Factory.Scheduling.Replanning;
using Xunit;

namespace Factory.Scheduling.Tests;

public sealed class StrandedWorkTests
{
    private static readonly SchedulingProblem Problem = new(
        [new Machine("INS-01"), new Machine("PCK-01"), new Machine("PCK-02")],
        [
            new Job("WO-1", [new JobOperation("WO-1#10", [new("INS-01", 60)]), new JobOperation("WO-1#20", [new("PCK-01", 30), new("PCK-02", 30)])]),
            new Job("WO-2", [new JobOperation("WO-2#10", [new("INS-01", 60)])]),
            new Job("WO-3", [new JobOperation("WO-3#10", [new("INS-01", 60)])]),
        ]);

    [Fact]
    public void Work_only_the_down_machine_can_do_is_named_with_the_reason()
    {
        var plan = new SchedulePlan([
            new ScheduledOperation("WO-2#10", "WO-2", "INS-01", null, 100, 160),
            new ScheduledOperation("WO-1#10", "WO-1", "INS-01", null, 0, 60),
            new ScheduledOperation("WO-1#20", "WO-1", "PCK-01", null, 60, 90),
        ]);

        Assert.Equal("2 operations wait for INS-01 (WO-1#10, WO-2#10): no other machine can do them", StrandedWork.Explain(Problem, plan, "INS-01"));
        // WO-1#20 could go to PCK-02: a re-plan is free to move it, so it is not stranded.
        Assert.Null(StrandedWork.Explain(Problem, plan, "PCK-01"));
    }

    [Fact]
    public void Work_already_running_or_done_is_not_stranded()
    {
        var problem = Problem with { Frozen = [new FrozenOperation("WO-1#10", "INS-01", null, 0, 60)] };
        var plan = new SchedulePlan([
            new ScheduledOperation("WO-1#10", "WO-1", "INS-01", null, 0, 60),
            new ScheduledOperation("WO-3#10", "WO-3", "INS-01", null, 60, 120),
        ]);

        Assert.Equal("WO-3#10 waits for INS-01: no other machine can do it", StrandedWork.Explain(problem, plan, "INS-01"));
    }

    [Fact]
    public void Work_kept_waiting_for_the_down_machine_although_it_could_move_says_why()
    {
        var plan = new SchedulePlan([
            new ScheduledOperation("WO-1#10", "WO-1", "INS-01", null, 0, 60),
            new ScheduledOperation("WO-1#20", "WO-1", "PCK-01", null, 60, 90),
        ]);

        Assert.Equal("WO-1#20 waits for PCK-01: it is expected back at 08:17, and it finishes sooner there than elsewhere",
            StrandedWork.ExplainWaiting(Problem, plan, "PCK-01", "08:17"));
        // INS-01's work cannot move at all: that is Explain's message, not this one.
        Assert.Null(StrandedWork.ExplainWaiting(Problem, plan, "INS-01", "08:17"));
    }
}
