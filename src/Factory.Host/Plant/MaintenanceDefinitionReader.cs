using Factory.Contracts.Maintenance;

namespace Factory.Host.Plant;

/// <summary>Reads and checks the sites' <c>maintenancePlans</c> sections of the plant definition file.</summary>
public static class MaintenanceDefinitionReader
{
    /// <summary>Each site's plans as specs (counting from <paramref name="now"/> when first created).</summary>
    /// <exception cref="PlantDefinitionException">A plan is invalid or names a machine of another site.</exception>
    public static IReadOnlyDictionary<string, ImmutableArray<MaintenancePlanSpec>> Read(PlantDefinition plant, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(plant);
        var problems = new List<string>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var result = new Dictionary<string, ImmutableArray<MaintenancePlanSpec>>(StringComparer.Ordinal);
        foreach (var site in plant.Sites)
        {
            var machines = site.Lines.SelectMany(l => l.Machines).Select(m => m.Id).ToHashSet(StringComparer.Ordinal);
            var specs = new List<MaintenancePlanSpec>();
            foreach (var entry in site.MaintenancePlans)
            {
                var spec = new MaintenancePlanSpec(entry.Id, entry.MachineId, entry.Title, entry.Trigger, entry.Interval, [.. entry.Tasks],
                    entry.Skill, entry.EstimatedSeconds, entry.DueWithinSeconds, null, entry.Tag, entry.Comparison, entry.Limit);
                problems.AddRange(spec.ToPlan(now).Validate().Select(p => $"maintenance plan '{entry.Id}': {p}"));
                if (!machines.Contains(entry.MachineId))
                {
                    problems.Add($"maintenance plan '{entry.Id}' names machine '{entry.MachineId}', which is not a machine of site '{site.Id}'");
                }

                if (!ids.Add(entry.Id))
                {
                    problems.Add($"maintenance plan id '{entry.Id}' is used twice");
                }

                specs.Add(spec);
            }

            result[site.Id] = [.. specs];
        }

        return problems.Count == 0
            ? result
            : throw PlantDefinitionException.Of(problems);
    }
}
