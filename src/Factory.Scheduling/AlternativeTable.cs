using System.Runtime.CompilerServices;
using Factory.Scheduling.Model;

namespace Factory.Scheduling;

/// <summary>
/// Every operation's machines as indexes with their durations, in the operation's order and shortest first: what depends only
/// on a problem's jobs and machines, so it is built once and shared by every <see cref="ProblemIndex"/> of the problems derived
/// from it (a re-plan indexes the same jobs five or six times: with started work frozen, with kept work pinned or frozen, for
/// each repair and for the worker hand-over). On a 1,000-machine site that was 160,000 machine look-ups each time (#20).
/// </summary>
/// <remarks>
/// Kept against the problem's job list, weakly: a table lives as long as the jobs it describes. It is shared between threads
/// (the optimizer plans beside the dispatcher); its arrays are never changed once made, and a shortest-first order made twice
/// by two threads at once is the same order.
/// </remarks>
internal sealed class AlternativeTable
{
    private static readonly ConditionalWeakTable<IReadOnlyList<Job>, AlternativeTable> Known = new();

    private readonly string[] _machineIds;
    private readonly (int Machine, long Duration)[][] _listed;
    private readonly (int Machine, long Duration)[]?[] _byDuration;

    private AlternativeTable(string[] machineIds, (int Machine, long Duration)[][] listed)
    {
        _machineIds = machineIds;
        _listed = listed;
        _byDuration = new (int, long)[]?[listed.Length];
    }

    /// <summary>The table made for <paramref name="problem"/>'s jobs on the same machines (by id, in order), or null.</summary>
    public static AlternativeTable? Of(SchedulingProblem problem) =>
        Known.TryGetValue(problem.Jobs, out var table) && table.Fits(problem) ? table : null;

    /// <summary>Keeps <paramref name="listed"/> (operation by operation, as the index numbers them) for <paramref name="problem"/>'s jobs.</summary>
    public static AlternativeTable Remember(SchedulingProblem problem, (int Machine, long Duration)[][] listed)
    {
        var table = new AlternativeTable([.. problem.Machines.Select(m => m.Id)], listed);
        Known.AddOrUpdate(problem.Jobs, table);
        return table;
    }

    /// <summary>A table for a problem that failed its check (unknown machines): used for the rest of the check, never kept.</summary>
    public static AlternativeTable Unkept((int Machine, long Duration)[][] listed) => new([], listed);

    /// <summary>Operation <paramref name="index"/>'s machines and durations in its own order.</summary>
    public (int Machine, long Duration)[] Listed(int index) => _listed[index];

    /// <summary>Operation <paramref name="index"/>'s machines and durations shortest first (stable among equals).</summary>
    public (int Machine, long Duration)[] ByDuration(int index) => _byDuration[index] ??= [.. _listed[index].OrderBy(a => a.Duration)];

    // A problem's job list is not changed once made (problems are derived with `with`); the count of operations guards the
    // index numbering anyway.
    private bool Fits(SchedulingProblem problem)
    {
        var machines = problem.Machines;
        if (machines.Count != _machineIds.Length || problem.Jobs.Sum(j => j.Operations.Count) != _listed.Length)
        {
            return false;
        }

        for (var m = 0; m < machines.Count; m++)
        {
            if (!string.Equals(machines[m].Id, _machineIds[m], StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }
}
