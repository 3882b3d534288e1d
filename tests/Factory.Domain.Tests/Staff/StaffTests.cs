using System.Collections.Immutable;
using Factory.Domain.Oee;
using Factory.Domain.People;
using Factory.Domain.Staff;
using Factory.Domain.Work;
using Xunit;

namespace Factory.Domain.Tests.Staff;

public class StaffTests
{
    private static readonly DateTimeOffset Now = new(2026, 5, 4, 8, 0, 0, TimeSpan.Zero);

    private static Worker Worker(string id, bool clockedIn, int weldLevel, DateTimeOffset? weldCertUntil, string site = "s1") => new(
        id, site, $"Name {id}",
        weldLevel > 0 ? ImmutableDictionary<string, int>.Empty.Add("weld", weldLevel) : ImmutableDictionary<string, int>.Empty,
        weldCertUntil is { } until ? [new Certification("weld", until)] : [],
        "early", clockedIn);

    private static WorkOrder Order(string id, int minLevel, OperationStatus status = OperationStatus.Pending, string site = "s1") => new(
        id, site, "frame", 10, Now.AddDays(2), 1,
        [
            new Operation(1, "cut", "cut", null, 0, TimeSpan.FromMinutes(10), [], Status: OperationStatus.Completed),
            new Operation(2, "weld", "weld", "weld", minLevel, TimeSpan.FromMinutes(30), [], Status: status),
        ]);

    [Fact]
    public void Performance_against_standard_per_worker()
    {
        var records = new[]
        {
            new OperationRecord("w1", "wo1", 1, "m1", Now, Now.AddMinutes(40), TimeSpan.FromMinutes(30), Good: 9, Scrap: 1),
            new OperationRecord("w1", "wo2", 1, "m1", Now.AddMinutes(40), Now.AddMinutes(60), TimeSpan.FromMinutes(30), Good: 10),
            new OperationRecord("w2", "wo3", 1, "m2", Now, Now.AddMinutes(30), TimeSpan.FromMinutes(30), Good: 5),
            new OperationRecord("w2", "wo4", 1, "m2", Now.AddHours(5), Now.AddHours(6), TimeSpan.FromMinutes(30)), // ends outside the window
        };
        var rows = StaffPerformance.ForWorkers(records, new TimeRange(Now, Now.AddHours(2)));
        Assert.Equal(["w1", "w2"], rows.Select(r => r.WorkerId));
        Assert.Equal((2, TimeSpan.FromMinutes(60), TimeSpan.FromMinutes(60), 19L, 1L), (rows[0].Operations, rows[0].Actual, rows[0].Standard, rows[0].Good, rows[0].Scrap));
        Assert.Equal(100d, rows[0].EfficiencyPercent!.Value, 9);
        Assert.Equal(19d, rows[0].GoodPerHour!.Value, 9);
        Assert.Equal(1d, rows[1].Efficiency);
        Assert.Null(new WorkerPerformance("w9", 0, TimeSpan.Zero, TimeSpan.Zero, 0, 0).Efficiency);
    }

    [Fact]
    public void Unassignable_when_no_one_is_qualified_and_certified()
    {
        var workers = new[]
        {
            Worker("w1", clockedIn: true, weldLevel: 2, Now.AddDays(100)), // level too low
            Worker("w2", clockedIn: true, weldLevel: 4, Now.AddDays(-1)), // certification expired
            Worker("w3", clockedIn: true, weldLevel: 5, Now.AddDays(100), site: "s2"), // other site
        };
        var need = Assert.Single(TrainingNeeds.HeldUpOperations([Order("wo1", minLevel: 3)], workers, Now));
        Assert.Equal(("wo1", 2, "weld", TrainingNeedKind.Unassignable, 0), (need.WorkOrderId, need.OperationSequence, need.Skill, need.Kind, need.QualifiedWorkers));
        Assert.Equal(["w1", "w2"], need.NearlyQualified.ToArray());
    }

    [Fact]
    public void Delayed_when_the_qualified_are_not_clocked_in_and_fine_when_one_is()
    {
        var off = Worker("w1", clockedIn: false, weldLevel: 4, Now.AddDays(100));
        var need = Assert.Single(TrainingNeeds.HeldUpOperations([Order("wo1", 3)], [off], Now));
        Assert.Equal(TrainingNeedKind.Delayed, need.Kind);
        Assert.Equal(1, need.QualifiedWorkers);

        Assert.Empty(TrainingNeeds.HeldUpOperations([Order("wo1", 3)], [off with { ClockedIn = true }], Now));
        Assert.Empty(TrainingNeeds.HeldUpOperations([Order("wo1", 3, OperationStatus.Completed)], [off], Now));
    }

    [Fact]
    public void Certifications_expiring_within_n_days()
    {
        var workers = new[]
        {
            Worker("w1", true, 3, Now.AddDays(10)),
            Worker("w2", true, 3, Now.AddDays(40)),
            Worker("w3", true, 3, Now.AddDays(-2)), // already expired: not "expiring"
            Worker("w4", true, 3, Now.AddDays(29).AddHours(12)),
        };
        var expiring = TrainingNeeds.ExpiringWithin(workers, Now, 30);
        Assert.Equal(["w1", "w4"], expiring.Select(e => e.WorkerId));
        Assert.Equal([10, 29], expiring.Select(e => e.DaysLeft));
        Assert.Throws<ArgumentOutOfRangeException>(() => TrainingNeeds.ExpiringWithin(workers, Now, -1));
    }
}
