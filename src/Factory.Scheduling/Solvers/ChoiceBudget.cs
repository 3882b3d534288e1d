using Factory.Scheduling.Model;
using Factory.Scheduling.Plans;

namespace Factory.Scheduling.Solvers;

/// <summary>
/// How many machine and worker choices a CP-SAT model may hold. Each choice is an optional interval, and CP-SAT's memory
/// and presolve time grow with them: a 1,000-machine site whose operations may each run on 200 machines with 200 workers
/// holds hundreds of thousands of them and took the host past 8 GiB. Over budget, every operation keeps the machine and
/// worker the warm-start plan gives it and the best few others (shortest on the machine, then least loaded in that plan),
/// so the search is a neighbourhood of the plan in force rather than the whole space.
/// </summary>
internal sealed class ChoiceBudget
{
    private readonly Dictionary<string, ScheduledOperation> _hinted;
    private readonly Dictionary<string, long> _machineLoad = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _workerLoad = new(StringComparer.Ordinal);

    private ChoiceBudget(int perOperation, SchedulePlan hint)
    {
        PerOperation = perOperation;
        _hinted = new Dictionary<string, ScheduledOperation>(StringComparer.Ordinal);
        foreach (var s in hint.Operations)
        {
            _hinted.TryAdd(s.OperationId, s);
            _machineLoad[s.MachineId] = _machineLoad.GetValueOrDefault(s.MachineId) + (s.End - s.Start);
            if (s.WorkerId is { } w)
            {
                _workerLoad[w] = _workerLoad.GetValueOrDefault(w) + (s.End - s.Start);
            }
        }
    }

    /// <summary>Machine choices, then worker choices, each operation may keep at most.</summary>
    public int PerOperation { get; }

    /// <summary>
    /// The budget for a model of <paramref name="index"/>, or null when its choices fit in <paramref name="maxChoices"/> (or
    /// there is no limit, or no plan to stay near).
    /// </summary>
    public static ChoiceBudget? For(ProblemIndex index, SchedulePlan? hint, int? maxChoices)
    {
        if (maxChoices is not { } max || hint is null)
        {
            return null;
        }

        long choices = 0;
        var open = 0;
        foreach (var info in index.Operations)
        {
            if (index.Frozen.ContainsKey(info.Operation.Id))
            {
                continue;
            }

            open++;
            choices += info.Operation.Alternatives.Count + (index.QualifiedWorkers(info)?.Length ?? 0);
        }

        if (choices <= max || open == 0)
        {
            return null;
        }

        // Two at least: one choice each would fix the plan and leave CP-SAT only the order of operations to improve.
        return new ChoiceBudget(Math.Max(2, max / (2 * open)), hint);
    }

    /// <summary>The machines <paramref name="op"/> keeps, from <paramref name="alternatives"/> (already narrowed by any pin).</summary>
    public OperationAlternative[] Machines(JobOperation op, OperationAlternative[] alternatives)
    {
        if (alternatives.Length <= PerOperation)
        {
            return alternatives;
        }

        var hinted = _hinted.GetValueOrDefault(op.Id)?.MachineId;
        return
        [
            .. alternatives
                .OrderBy(a => a.MachineId == hinted ? 0 : 1)
                .ThenBy(a => a.Duration)
                .ThenBy(a => _machineLoad.GetValueOrDefault(a.MachineId))
                .ThenBy(a => a.MachineId, StringComparer.Ordinal)
                .Take(PerOperation),
        ];
    }

    /// <summary>The workers <paramref name="op"/> keeps, from the qualified ones.</summary>
    public (int Worker, long Until)[] Workers(JobOperation op, (int Worker, long Until)[] qualified, IReadOnlyList<ShiftWorker> workers)
    {
        if (qualified.Length <= PerOperation)
        {
            return qualified;
        }

        var hinted = _hinted.GetValueOrDefault(op.Id)?.WorkerId;
        return
        [
            .. qualified
                .OrderBy(q => workers[q.Worker].Id == hinted ? 0 : 1)
                .ThenBy(q => _workerLoad.GetValueOrDefault(workers[q.Worker].Id))
                .ThenBy(q => q.Worker)
                .Take(PerOperation),
        ];
    }
}
