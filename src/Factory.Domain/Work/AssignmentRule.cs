using Factory.Domain.People;
using Factory.Domain.Plant;

namespace Factory.Domain.Work;

/// <summary>
/// Whether an operation may be given to a machine and a worker: the machine has the capability (and is
/// allowed) and is available; the worker holds the skill at the level with a valid certification and is clocked in.
/// </summary>
public static class AssignmentRule
{
    /// <summary>Returns null when the assignment is allowed, else a conflict naming the broken rule.</summary>
    /// <param name="machineUnavailableBecause">Why the machine cannot take work now, or null when it can.</param>
    public static Refusal? Check(
        WorkOrder order,
        Operation operation,
        MachineDefinition machine,
        string? machineUnavailableBecause,
        Worker worker,
        DateTimeOffset now)
    {
        if (operation.IsFinished)
        {
            return Refusal.Conflict($"operation {operation.Sequence} of work order {order.Id} is already {operation.Status.ToString().ToLowerInvariant()}");
        }

        if (!operation.MayRunOn(machine.Id, machine.Capabilities))
        {
            return Refusal.Conflict(operation.AllowedMachines.IsDefaultOrEmpty || operation.AllowedMachines.Contains(machine.Id, StringComparer.OrdinalIgnoreCase)
                ? $"machine {machine.Id} lacks capability '{operation.Capability}' needed by operation {operation.Sequence}"
                : $"operation {operation.Sequence} of work order {order.Id} may not run on machine {machine.Id}");
        }

        if (machineUnavailableBecause is not null)
        {
            return Refusal.Conflict($"machine {machine.Id} is not available: {machineUnavailableBecause}");
        }

        if (!string.Equals(worker.SiteId, order.SiteId, StringComparison.OrdinalIgnoreCase))
        {
            return Refusal.Conflict($"worker {worker.Id} belongs to site {worker.SiteId}, not {order.SiteId}");
        }

        if (!worker.ClockedIn)
        {
            return Refusal.Conflict($"worker {worker.Id} is not clocked in");
        }

        var why = WorkerQualification.WhyNotQualified(worker, operation.Skill, operation.MinSkillLevel, now);
        return why is null ? null : Refusal.Conflict(why);
    }
}
