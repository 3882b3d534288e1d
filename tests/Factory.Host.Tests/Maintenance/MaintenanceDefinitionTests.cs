using Factory.Domain.Maintenance;
using Factory.Domain.Plant.Definition;
using Factory.Host.Plant;

namespace Factory.Host.Tests.Maintenance;

/// <summary>The plant file's <c>maintenancePlans</c> section: the demo's plans, and clear errors for bad ones.</summary>
public class MaintenanceDefinitionTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 6, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_demo_plant_has_plans_that_fall_due_within_a_shift()
    {
        var plans = MaintenanceDefinitionReader.Read(PlantDefinitionReader.Read(RepoPaths.DemoPlant), Now)["plant-1"];
        var spindle = Assert.Single(plans, p => p.Id == "PM-CNC-01-SPINDLE");
        Assert.Equal(MaintenanceTrigger.RunHours, spindle.Trigger);
        Assert.Equal(2, spindle.Interval);
        Assert.Contains(plans, p => p.Trigger == MaintenanceTrigger.CalendarDays);
        // The simulated spindle settles near 62 °C at full load: above 55 °C for 15 minutes within half an hour of running.
        var hot = Assert.Single(plans, p => p.Id == "PM-CNC-02-HOT");
        Assert.Equal(MaintenanceTrigger.Condition, hot.Trigger);
        Assert.Equal(new TagCondition("spindle", TagComparison.Above, 55, TimeSpan.FromMinutes(15)), hot.ToPlan(Now).Condition);
        Assert.All(plans, p => Assert.Empty(p.ToPlan(Now).Validate()));
    }

    [Fact]
    public void A_bad_plan_is_named_with_what_is_wrong()
    {
        var plant = new PlantDefinition
        {
            Sites =
            [
                new SiteDefinitionEntry
                {
                    Id = "S1",
                    Lines = [new LineDefinitionEntry { Id = "L1", Machines = [new MachineDefinitionEntry { Id = "M1" }] }],
                    MaintenancePlans =
                    [
                        new MaintenancePlanEntry { Id = "P1", MachineId = "M9", Title = "Grease", Interval = 2 },
                        new MaintenancePlanEntry { Id = "P1", MachineId = "M1", Title = "Grease", Interval = 0 },
                    ],
                },
            ],
        };
        var error = Assert.Throws<PlantDefinitionException>(() => MaintenanceDefinitionReader.Read(plant, Now));
        Assert.Contains("maintenance plan 'P1' names machine 'M9', which is not a machine of site 'S1'", error.Message);
        Assert.Contains("maintenance plan 'P1': a plan's interval must be above 0", error.Message);
        Assert.Contains("maintenance plan id 'P1' is used twice", error.Message);
    }
}
