using Factory.Scheduling.Model;

namespace Factory.Scheduling.Plans;

/// <summary>The objective figures of a plan.</summary>
/// <param name="WeightedTardiness">Sum over jobs of weight × max(0, end of last operation − due).</param>
/// <param name="Makespan">Latest end over all operations.</param>
public sealed record ObjectiveValues(long WeightedTardiness, long Makespan) : IComparable<ObjectiveValues>
{
    /// <summary>Running cost of the plan: each operation's duration times its machine's <see cref="Machine.CostRate"/>.</summary>
    public long Cost { get; init; }

    /// <summary>The problem's <see cref="SchedulingProblem.CostWeight"/>, which <see cref="Primary"/> applies to <see cref="Cost"/>.</summary>
    public long CostWeight { get; init; }

    /// <summary>What is minimised first: weighted tardiness plus the weighted cost (just the tardiness when cost is not weighed).</summary>
    public long Primary => WeightedTardiness + (CostWeight * Cost);

    /// <summary>Computes the figures of <paramref name="plan"/> for <paramref name="problem"/>.</summary>
    public static ObjectiveValues Of(SchedulingProblem problem, SchedulePlan plan)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(plan);
        var byOp = plan.ByOperation();
        long tardiness = 0;
        foreach (var job in problem.Jobs)
        {
            if (job.Due is not { } due || job.Operations.Count == 0)
            {
                continue;
            }

            var end = job.Operations.Max(o => byOp.TryGetValue(o.Id, out var s) ? s.End : 0);
            tardiness += Math.Max(1, job.Weight) * Math.Max(0, end - due);
        }

        var rates = problem.Machines.ToDictionary(m => m.Id, m => m.CostRate, StringComparer.Ordinal);
        var cost = plan.Operations.Sum(o => (o.End - o.Start) * rates.GetValueOrDefault(o.MachineId));
        return new ObjectiveValues(tardiness, plan.Makespan) { Cost = cost, CostWeight = problem.WeighsCost ? problem.CostWeight : 0 };
    }

    /// <summary>Compares lexicographically (<see cref="Primary"/>, then makespan) — the order of <see cref="ObjectiveKind.WeightedTardinessThenMakespan"/>.</summary>
    public int CompareTo(ObjectiveValues? other)
    {
        if (other is null)
        {
            return -1;
        }

        var c = Primary.CompareTo(other.Primary);
        return c != 0 ? c : Makespan.CompareTo(other.Makespan);
    }

    /// <summary>True when this is strictly better than <paramref name="other"/> under <paramref name="objective"/>.</summary>
    public bool IsBetterThan(ObjectiveValues other, ObjectiveKind objective)
    {
        ArgumentNullException.ThrowIfNull(other);
        return objective == ObjectiveKind.Makespan ? Makespan < other.Makespan : CompareTo(other) < 0;
    }

    /// <summary>
    /// Hysteresis for replacing a plan in force: true when this is better than <paramref name="inForce"/> by at least
    /// <paramref name="margin"/> (in the problem's time unit) — weighted tardiness lower by the margin, or, for
    /// <see cref="ObjectiveKind.Makespan"/> or at equal tardiness, the makespan shorter by the margin. A plan that is only
    /// a little better is not worth moving work and people for: without a margin, solver noise swaps operations between
    /// twin machines back and forth. A margin of 0 is <see cref="IsBetterThan"/>.
    /// </summary>
    public bool ImprovesOnBy(ObjectiveValues inForce, ObjectiveKind objective, long margin)
    {
        ArgumentNullException.ThrowIfNull(inForce);
        if (margin <= 0)
        {
            return IsBetterThan(inForce, objective);
        }

        if (objective == ObjectiveKind.Makespan)
        {
            return inForce.Makespan - Makespan >= margin;
        }

        return inForce.WeightedTardiness - WeightedTardiness >= margin
            || (WeightedTardiness <= inForce.WeightedTardiness && inForce.Makespan - Makespan >= margin);
    }
}
