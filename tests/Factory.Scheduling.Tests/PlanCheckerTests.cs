using Factory.Scheduling.Model;
using Factory.Scheduling.Plans;
using Xunit;

namespace Factory.Scheduling.Tests;

public sealed class PlanCheckerTests
{
    private static readonly SchedulingProblem Problem = new(
        [new Machine("A", [new TimeWindow(100, 110)]), new Machine("B")],
        [
            new Job("J1", [Shop.SkilledOp("o1", "weld", 1, ("A", 10), ("B", 12)), Shop.Op("o2", ("B", 5))]),
            new Job("J2", [Shop.Op("o3", ("A", 7), ("B", 7))], Release: 5),
            new Job("J3", [Shop.SkilledOp("o4", "weld", 0, ("B", 3), ("A", 3))]),
        ],
        [
            new ShiftWorker("w1", [new WorkerSkill("weld", 2, ValidUntil: 150)], [new TimeWindow(0, 100), new TimeWindow(120, 300)]),
            new ShiftWorker("w2", [new WorkerSkill("paint")]),
        ],
        [],
        [new PinnedOperation("o3", "A")]);

    private static readonly SchedulePlan Valid = new(
    [
        new ScheduledOperation("o1", "J1", "B", "w1", 0, 12),
        new ScheduledOperation("o2", "J1", "B", null, 12, 17),
        new ScheduledOperation("o3", "J2", "A", null, 5, 12),
        new ScheduledOperation("o4", "J3", "B", "w1", 20, 23),
    ]);

    public static TheoryData<ViolationKind> Kinds()
    {
        var data = new TheoryData<ViolationKind>();
        foreach (var kind in Enum.GetValues<ViolationKind>())
        {
            data.Add(kind);
        }

        return data;
    }

    [Fact]
    public void A_valid_plan_has_no_violation()
    {
        Assert.Empty(PlanChecker.Check(Problem, Valid));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Each_broken_constraint_is_reported_as_its_kind(ViolationKind kind)
    {
        var (problem, plan) = Break(kind);

        var violations = PlanChecker.Check(problem, plan);

        Assert.NotEmpty(violations);
        Assert.All(violations, v => Assert.Equal(kind, v.Kind));
        Assert.All(violations, v => Assert.False(string.IsNullOrWhiteSpace(v.Message)));
    }

    [Fact]
    public void A_malformed_problem_is_refused()
    {
        var bad = Problem with { Jobs = [.. Problem.Jobs, new Job("J4", [Shop.Op("o1", ("C", 1))])] };

        var error = Assert.Throws<ArgumentException>(() => PlanChecker.Check(bad, Valid));
        Assert.Contains("'o1' is used twice", error.Message, StringComparison.Ordinal);
        Assert.Contains("unknown machine 'C'", error.Message, StringComparison.Ordinal);
    }

    private static (SchedulingProblem Problem, SchedulePlan Plan) Break(ViolationKind kind)
    {
        SchedulePlan With(string op, Func<ScheduledOperation, ScheduledOperation> change) =>
            new([.. Valid.Operations.Select(s => s.OperationId == op ? change(s) : s)]);

        return kind switch
        {
            ViolationKind.Missing => (Problem, new SchedulePlan([.. Valid.Operations.Where(s => s.OperationId != "o2")])),
            ViolationKind.Duplicate => (Problem, new SchedulePlan([.. Valid.Operations, Valid.Operations[1]])),
            ViolationKind.UnknownOperation => (Problem, new SchedulePlan([.. Valid.Operations, new ScheduledOperation("zz", "J9", "A", null, 50, 51)])),
            ViolationKind.Precedence => (Problem, With("o1", s => s with { MachineId = "A", Start = 30, End = 40 })),
            ViolationKind.IneligibleMachine => (Problem, With("o2", s => s with { MachineId = "A", Start = 20, End = 25 })),
            ViolationKind.WrongDuration => (Problem, With("o2", s => s with { End = 16 })),
            ViolationKind.MachineOverlap => (Problem, With("o4", s => s with { Start = 13, End = 16 })),
            ViolationKind.MachineUnavailable => (Problem, With("o3", s => s with { Start = 95, End = 102 })),
            ViolationKind.BeforeRelease => (Problem, With("o3", s => s with { Start = 2, End = 9 })),
            ViolationKind.MissingWorker => (Problem, With("o1", s => s with { WorkerId = null })),
            ViolationKind.WorkerUnqualified => (Problem, With("o1", s => s with { WorkerId = "w2" })),
            ViolationKind.CertificationExpired => (Problem, new SchedulePlan([.. With("o1", s => s with { Start = 150, End = 162 }).Operations.Select(s => s.OperationId == "o2" ? s with { Start = 162, End = 167 } : s)])),
            ViolationKind.WorkerOffShift => (Problem, new SchedulePlan([.. With("o1", s => s with { Start = 95, End = 107 }).Operations.Select(s => s.OperationId == "o2" ? s with { Start = 107, End = 112 } : s)])),
            ViolationKind.WorkerOverlap => (Problem, With("o4", s => s with { MachineId = "A", Start = 0, End = 3 })),
            ViolationKind.FrozenChanged => (
                Problem with { Frozen = [new FrozenOperation("o1", "B", "w1", 0, 12)] },
                new SchedulePlan([.. With("o1", s => s with { Start = 1, End = 13 }).Operations.Select(s => s.OperationId == "o2" ? s with { Start = 13, End = 18 } : s)])),
            ViolationKind.PinnedChanged => (Problem, With("o3", s => s with { MachineId = "B", Start = 23, End = 30 })),
            ViolationKind.PinnedTooEarly => (Problem with { Pinned = [new PinnedOperation("o3", "A", null, NotBefore: 8)] }, Valid),
            ViolationKind.MaintenanceOutsideWindow => (
                Problem with { MaintenanceTasks = [new MaintenanceTask("pm", "A", 5, new TimeWindow(40, 60))] },
                Valid with { Maintenance = [new ScheduledMaintenance("pm", "A", null, 30, 35)] }),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "no breaking case written for this kind"),
        };
    }
}
