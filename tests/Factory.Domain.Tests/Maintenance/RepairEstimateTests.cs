using Factory.Domain.Maintenance;

namespace Factory.Domain.Tests.Maintenance;

public sealed class RepairEstimateTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 30, 0, 0, 0, TimeSpan.Zero);

    private static MaintenanceOrder Repair(string id, int finishedDay, TimeSpan took, string? skill, string machine = "CNC-1",
        MaintenanceKind kind = MaintenanceKind.Corrective, MaintenanceStatus status = MaintenanceStatus.Done) => new(
        id, machine, kind, "Spindle stalls", [], skill, skill is null ? null : $"{skill}-cert", TimeSpan.FromHours(1), null, status,
        T0, "ana", StartedAt: T0.AddDays(finishedDay) - took, FinishedAt: T0.AddDays(finishedDay), DoneBy: "ben");

    [Fact]
    public void A_machine_without_done_orders_of_the_kind_gets_an_hour_and_no_skill()
    {
        var others = new[]
        {
            Repair("A", 1, TimeSpan.FromHours(3), "electrician", machine: "CNC-2"),
            Repair("B", 1, TimeSpan.FromHours(3), "electrician", kind: MaintenanceKind.Preventive),
            Repair("C", 1, TimeSpan.FromHours(3), "electrician", status: MaintenanceStatus.InProgress),
        };
        Assert.Equal(new RepairEstimate(TimeSpan.FromHours(1), null, null, 0), RepairEstimate.For("CNC-1", MaintenanceKind.Corrective, others));
    }

    [Fact]
    public void The_estimate_is_the_median_of_the_done_orders_and_the_skill_the_one_most_needed()
    {
        var orders = new[]
        {
            Repair("A", 1, TimeSpan.FromMinutes(20), "millwright"),
            Repair("B", 2, TimeSpan.FromMinutes(90), "electrician"),
            Repair("C", 3, TimeSpan.FromMinutes(40), "electrician"),
        };
        var estimate = RepairEstimate.For("CNC-1", MaintenanceKind.Corrective, orders);
        Assert.Equal(TimeSpan.FromMinutes(40), estimate.Duration);
        Assert.Equal(("electrician", "electrician-cert", 3), (estimate.Skill, estimate.Certification, estimate.FromOrders));

        // An even count: the mean of the middle two. A tie of skills: the newest order's.
        var even = RepairEstimate.For("CNC-1", MaintenanceKind.Corrective, [.. orders.Take(2)]);
        Assert.Equal((TimeSpan.FromMinutes(55), "electrician"), (even.Duration, even.Skill));
    }

    [Fact]
    public void Only_the_newest_orders_count_and_none_is_estimated_shorter_than_five_minutes()
    {
        var old = Enumerable.Range(0, 20).Select(i => Repair($"OLD-{i}", i, TimeSpan.FromHours(5), null));
        var recent = Enumerable.Range(0, RepairEstimate.Recent).Select(i => Repair($"NEW-{i}", 100 + i, TimeSpan.FromSeconds(3), null));
        var estimate = RepairEstimate.For("CNC-1", MaintenanceKind.Corrective, [.. old, .. recent]);
        Assert.Equal((RepairEstimate.Shortest, RepairEstimate.Recent), (estimate.Duration, estimate.FromOrders));
        Assert.Null(estimate.Skill);
    }
}
