using Factory.Contracts.Maintenance;
using Factory.Contracts.Views;
using static Factory.Grains.Tests.OrleansWire;

namespace Factory.Grains.Tests;

/// <summary>The plan's placed maintenance crosses silos: Orleans' serializer keeps it in the plan, the proposal and the order view.</summary>
public sealed class PlanViewSerializationTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 4, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_plan_and_its_proposal_keep_their_placed_maintenance()
    {
        var slot = new PlannedMaintenanceView("MO-1", "TST-01", "W14", T0, T0.AddHours(1));
        var proposal = new PlanProposalView(3, 7, "due maintenance", "dispatcher", T0, new PlanObjectiveView(0, T0, 0), [], [], [slot]);
        var plan = new PlanView("plant-1", 7, PlanMode.Proposal, T0, "t", "dispatcher", null, [], [], proposal, ReleaseMode.Manual, [slot]);

        var back = RoundTrip(plan);
        Assert.Equal(slot, Assert.Single(back.Maintenance));
        Assert.Equal(slot, Assert.Single(back.Proposal!.Maintenance));
        Assert.Equal(ReleaseMode.Manual, back.ReleaseMode);
    }

    [Fact]
    public void A_plan_made_without_maintenance_reads_as_none_not_default()
    {
        var plan = new PlanView("plant-1", 1, PlanMode.AutoApply, null, "t", "s", null, [], [], null);
        Assert.False(plan.Maintenance.IsDefault);
        Assert.Empty(RoundTrip(plan).Maintenance);
    }

    [Fact]
    public void An_order_to_place_and_an_order_view_with_its_slot_cross_intact()
    {
        var toPlace = new MaintenanceToPlace("MO-1", "TST-01", 3600, T0, T0.AddHours(6), "electrician");
        Assert.Equal(toPlace, RoundTrip(toPlace));

        var order = new Factory.Domain.Maintenance.MaintenanceOrder("MO-1", "TST-01", Factory.Domain.Maintenance.MaintenanceKind.Preventive, "Calibrate",
            [], "electrician", null, TimeSpan.FromHours(1), null, Factory.Domain.Maintenance.MaintenanceStatus.Requested, T0, "plan:PM-1", DueBy: T0.AddHours(6));
        var view = RoundTrip(MaintenanceOrderView.From(order, T0).WithSlot(new PlannedMaintenanceView("MO-1", "TST-01", "W14", T0, T0.AddHours(1))));
        Assert.Equal((T0, T0.AddHours(1), "W14"), (view.PlannedStart!.Value, view.PlannedEnd!.Value, view.PlannedWorkerId));
    }
}
