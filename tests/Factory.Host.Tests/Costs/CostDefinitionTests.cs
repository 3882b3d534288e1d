using Factory.Domain.Costs;
using Factory.Domain.Plant.Definition;
using Factory.Host.Costs;

namespace Factory.Host.Tests.Costs;

/// <summary>The plant file's <c>costs</c> section: the demo's rates and budgets, and clear errors for bad ones.</summary>
public class CostDefinitionTests
{
    [Fact]
    public void The_demo_plant_has_rates_and_budgets()
    {
        var costs = Assert.Single(CostDefinitionReader.Read(PlantDefinitionReader.Read(RepoPaths.DemoPlant)));
        Assert.Equal("plant-1", costs.SiteId);
        Assert.Equal("EUR", costs.Rates.Currency);
        Assert.Equal(new MachineRate(72m, 18m), costs.Rates.MachineRateOf("CNC-01"));
        Assert.Equal(14, costs.Rates.Machines.Count); // every machine of the demo has a rate
        Assert.Equal(42m, costs.Rates.Labour.RateFor("W01", "machining")); // own rate
        Assert.Equal(38m, costs.Rates.Labour.RateFor("W02", "machining")); // the skill's
        Assert.Equal(18.5m, costs.Rates.ProductCostOf("Gearbox housing").MaterialPerUnit);
        Assert.Equal(20, costs.Budgets.WorkOrders.Count);
        Assert.Equal(2080m, costs.Budgets.ForLine("L1", TimeSpan.FromHours(8)));
        Assert.Equal(5200m, costs.Budgets.ForShift("Early"));
    }

    [Fact]
    public void Bad_values_are_named_one_by_one()
    {
        var error = Assert.Throws<PlantDefinitionException>(() => CostDefinitionReader.Read(Plant("""
            "costs": {
              "currency": "euro",
              "machines": { "M1": { "runningPerHour": -5, "idlePerHour": 1 }, "M9": { "runningPerHour": 5 } },
              "labour": { "defaultPerHour": 20, "perWorker": { "W9": 30 }, "perSkill": { "cooking": 10 } },
              "products": { "widget": { "materialPerUnit": -1 } },
              "budgets": { "workOrders": { "WO-9": 100 }, "linesPerHour": { "L1": -3 }, "shifts": { "Early": 10 } }
            }
            """)));
        Assert.Equal(
            """
            The plant definition has problems:
             - site 's1' costs: unknown machine 'M9'
             - site 's1' costs: unknown worker 'W9'
             - site 's1' costs: unknown skill 'cooking'
             - site 's1' costs: unknown work order 'WO-9'
             - site 's1' costs: unknown shift 'Early'
             - site 's1' costs: currency 'euro' must be a three-letter ISO 4217 code such as EUR
             - site 's1' costs: machine 'M1' has a negative hourly rate
             - site 's1' costs: product 'widget' has a negative material or scrap cost
             - site 's1' costs: line 'L1' has a negative budget
            """.ReplaceLineEndings(Environment.NewLine), error.Message);
    }

    [Fact]
    public void A_rate_that_is_not_a_number_stops_the_read_with_its_place()
    {
        var path = Path.Combine(Path.GetTempPath(), $"costs-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, PlantJson("""
            "costs": { "machines": { "M1": { "runningPerHour": "cheap" } } }
            """));
        try
        {
            var error = Assert.Throws<PlantDefinitionException>(() => PlantDefinitionReader.Read(path));
            Assert.Contains("$.sites[0].costs.machines.M1.runningPerHour", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_site_without_costs_costs_nothing()
    {
        Assert.Empty(CostDefinitionReader.Read(Plant("\"name\": \"no costs\"")));
        Assert.Same(CostRates.None, new CostCatalog().Site("s1").Rates);
    }

    private static PlantDefinition Plant(string extra)
    {
        var path = Path.Combine(Path.GetTempPath(), $"costs-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, PlantJson(extra));
        try
        {
            return PlantDefinitionReader.Read(path);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static string PlantJson(string extra) => $$"""
        { "sites": [{ "id": "s1", {{extra}},
          "lines": [{ "id": "L1", "machines": [{ "id": "M1", "capabilities": ["mill"] }] }],
          "workers": [{ "id": "W1", "skills": { "machining": 3 } }],
          "workOrders": [{ "id": "WO-1", "product": "widget", "quantity": 5, "dueInHours": 4,
            "operations": [{ "sequence": 1, "name": "Mill", "capability": "mill", "skill": "machining", "standardDurationSeconds": 60 }] }] }] }
        """;
}
