using Factory.Domain.Costs;
using Factory.Host.Plant;

namespace Factory.Host.Costs;

/// <summary>Turns the sites' <c>costs</c> sections of the plant file into rates and budgets, naming every problem.</summary>
public static class CostDefinitionReader
{
    /// <exception cref="PlantDefinitionException">A cost section names something the site does not have, or an amount is negative.</exception>
    public static ImmutableArray<SiteCosts> Read(PlantDefinition plant)
    {
        ArgumentNullException.ThrowIfNull(plant);
        var problems = new List<string>();
        var result = ImmutableArray.CreateBuilder<SiteCosts>();
        foreach (var site in plant.Sites)
        {
            if (site.Costs is not { } entry)
            {
                continue;
            }

            void Known(string kind, IEnumerable<string> named, IEnumerable<string> known)
            {
                var set = known.ToHashSet(StringComparer.OrdinalIgnoreCase);
                problems.AddRange(named.Where(n => !set.Contains(n)).Select(n => $"site '{site.Id}' costs: unknown {kind} '{n}'"));
            }

            var machines = site.Lines.SelectMany(l => l.Machines).Select(m => m.Id).ToList();
            Known("machine", entry.Machines.Keys, machines);
            Known("worker", entry.Labour.PerWorker.Keys, site.Workers.Select(w => w.Id));
            Known("skill", entry.Labour.PerSkill.Keys, site.Workers.SelectMany(w => w.Skills.Keys).Concat(site.WorkOrders.SelectMany(o => o.Operations).Select(o => o.Skill ?? "")));
            Known("product", entry.Products.Keys, site.WorkOrders.Select(o => o.Product));
            Known("work order", entry.Budgets.WorkOrders.Keys, site.WorkOrders.Select(o => o.Id));
            Known("line", entry.Budgets.LinesPerHour.Keys, site.Lines.Select(l => l.Id));
            Known("shift", entry.Budgets.Shifts.Keys, site.ShiftCalendar?.Shifts.Select(s => s.Name) ?? []);
            var rates = new CostRates(
                entry.Currency,
                Dictionary(entry.Machines, m => new MachineRate(m.RunningPerHour, m.IdlePerHour)),
                new LabourRates(Dictionary(entry.Labour.PerWorker, r => r), Dictionary(entry.Labour.PerSkill, r => r), entry.Labour.DefaultPerHour),
                Dictionary(entry.Products, p => new ProductCost(p.MaterialPerUnit, p.ScrapPerUnit)));
            var budgets = new CostBudgets(
                Dictionary(entry.Budgets.WorkOrders, b => b), Dictionary(entry.Budgets.LinesPerHour, b => b), Dictionary(entry.Budgets.Shifts, b => b));
            problems.AddRange(rates.Validate().Concat(budgets.Validate()).Select(p => $"site '{site.Id}' costs: {p}"));
            result.Add(new SiteCosts(site.Id, rates, budgets));
        }

        if (problems.Count > 0)
        {
            throw PlantDefinitionException.Of(problems);
        }

        return result.ToImmutable();
    }

    private static ImmutableDictionary<string, TValue> Dictionary<TEntry, TValue>(Dictionary<string, TEntry> entries, Func<TEntry, TValue> map) =>
        entries.ToImmutableDictionary(kv => kv.Key, kv => map(kv.Value), StringComparer.OrdinalIgnoreCase);
}
