using Factory.Domain.PackMl;
using Factory.Domain.Plant.Definition;

namespace Factory.Simulator;

/// <summary>
/// The simulator's translation of a plant definition file: its machines (sites → lines → machines), read and checked
/// by the one <see cref="PlantDefinitionReader"/> the host reads the same file with (so a file the host refuses, the
/// simulator refuses too); the rest of the definition is checked but not used.
/// </summary>
public static class PlantFile
{
    /// <summary>The machines of every site and line, in file order.</summary>
    /// <exception cref="InvalidDataException">The file is missing, malformed or inconsistent, or a machine has no cycle time; the message names every problem.</exception>
    public static IReadOnlyList<SimulatedMachineSpec> ReadMachines(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        try
        {
            return Machines(PlantDefinitionReader.Read(path));
        }
        catch (PlantDefinitionException e)
        {
            throw new InvalidDataException(e.Message, e);
        }
    }

    /// <summary>The machines of a checked definition, in file order; a simulated machine starts in Execute unless it names a state.</summary>
    /// <exception cref="PlantDefinitionException">A machine names no cycle time: the simulator takes no default for how fast a machine produces.</exception>
    public static IReadOnlyList<SimulatedMachineSpec> Machines(PlantDefinition plant)
    {
        ArgumentNullException.ThrowIfNull(plant);
        var entries = plant.Sites.SelectMany(s => s.Lines.SelectMany(l => l.Machines.Select(m => (Line: l, Machine: m)))).ToList();
        var missing = entries.Where(e => e.Machine.IdealCycleTimeSeconds is null)
            .Select(e => $"machine '{e.Machine.Id}' needs a positive idealCycleTimeSeconds").ToList();
        if (missing.Count > 0)
        {
            throw PlantDefinitionException.Of(missing);
        }

        return entries.Select(e => new SimulatedMachineSpec(e.Machine.Id, e.Line.Id, TimeSpan.FromSeconds(e.Machine.IdealCycleTimeSeconds!.Value),
                e.Machine.InitialStateOr(PackMlState.Execute))
            {
                Name = string.IsNullOrWhiteSpace(e.Machine.Name) ? e.Machine.Id : e.Machine.Name,
                HoldExtensions = e.Machine.HoldExtensions,
            })
            .ToList();
    }
}
