using Factory.Scheduling.Model;
using Factory.Scheduling.Plans;

namespace Factory.Scheduling.Solvers;

/// <summary>One execution of the dispatcher over a problem (mutable working state).</summary>
internal sealed class DispatchRun
{
    private readonly ProblemIndex _index;
    private readonly SchedulingProblem _problem;
    private readonly Timeline[] _machines;
    private readonly Timeline[] _workers;
    private readonly ScheduledOperation?[] _placed;
    private readonly (int Machine, long Duration)[][] _alternatives;
    // Where in _alternatives each operation's current machine stands (-1: none): it is tried first.
    private readonly int[] _preferred;
    private readonly (int Worker, long Until)[]?[] _qualified;
    // Where in _qualified each operation's current worker stands (-1: none): tried first.
    private readonly int[] _firstWorker;
    private readonly int[] _jobFirstOp;
    private readonly int[] _next;
    private readonly long[] _ready;
    private readonly long[] _remaining;
    private readonly long[] _minDuration;
    private readonly long[] _notBefore;
    private readonly Option?[] _cache;
    private readonly Random? _random;
    private readonly long _slack;
    private readonly (int Machine, int Worker, long Until)?[]? _current;
    private readonly DispatchRule _rule;

    /// <summary>
    /// A run; with <paramref name="random"/> the choice among competing operations is randomised (for multi-start).
    /// <paramref name="previous"/> (a plan in force) breaks ties towards each operation's current machine and worker,
    /// so a re-plan moves no more than it must; with a positive <paramref name="slack"/> an operation also keeps its current
    /// machine and worker when they finish it at most that much later than the earliest choice. <paramref name="rule"/> decides
    /// which competing operation goes first.
    /// </summary>
    public DispatchRun(
        ProblemIndex index,
        Random? random = null,
        IReadOnlyDictionary<string, ScheduledOperation>? previous = null,
        long slack = 0,
        DispatchRule rule = DispatchRule.UrgencyThenWorkRemaining)
    {
        _index = index;
        _random = random;
        _rule = rule;
        _slack = Math.Max(0, slack);
        _problem = index.Problem;
        var choices = index.DispatchChoices(previous);
        _placed = (ScheduledOperation?[])choices.Placed.Clone();
        _machines = choices.Machines();
        _workers = choices.Workers();
        _alternatives = choices.Alternatives;
        _preferred = choices.Preferred;
        _minDuration = choices.MinDuration;
        _qualified = choices.Qualified;
        _firstWorker = choices.FirstWorker;
        _notBefore = choices.NotBefore;
        // The current worker holds within the slack only with a slack; without one it only wins ties.
        _current = _slack > 0 ? choices.Current : null;

        var jobs = _problem.Jobs.Count;
        _jobFirstOp = new int[jobs];
        _next = new int[jobs];
        _ready = new long[jobs];
        _remaining = new long[jobs];
        _cache = new Option?[jobs];
        var first = 0;
        for (var j = 0; j < jobs; j++)
        {
            _jobFirstOp[j] = first;
            _ready[j] = Math.Max(_problem.Jobs[j].Release, _problem.PlanStart);
            for (var k = 0; k < _problem.Jobs[j].Operations.Count; k++)
            {
                if (_placed[first + k] is null)
                {
                    _remaining[j] += _minDuration[first + k];
                }
            }

            first += _problem.Jobs[j].Operations.Count;
            SkipFrozen(j);
        }
    }

    public SchedulePlan? Execute(out string? failure)
    {
        failure = null;
        var jobs = _problem.Jobs.Count;
        var tardinessFirst = _problem.Objective == ObjectiveKind.WeightedTardinessThenMakespan;
        while (true)
        {
            var best = -1;
            for (var j = 0; j < jobs; j++)
            {
                if (_next[j] >= _problem.Jobs[j].Operations.Count)
                {
                    continue;
                }

                var option = _cache[j] ??= Evaluate(j);
                if (option is null)
                {
                    var op = _problem.Jobs[j].Operations[_next[j]];
                    failure = $"operation '{op.Id}' of job '{_problem.Jobs[j].Id}' cannot be placed: no eligible machine and qualified, certified, on-shift worker is free for it";
                    return null;
                }

                if (best < 0 || option.End < _cache[best]!.End || (option.End == _cache[best]!.End && option.Start < _cache[best]!.Start))
                {
                    best = j;
                }
            }

            if (best < 0)
            {
                break;
            }

            var target = _cache[best]!;
            var chosen = best;
            var competing = 1;
            for (var j = 0; j < jobs; j++)
            {
                if (j == best || _cache[j] is not { } o || o.Machine != target.Machine || o.Start >= target.End)
                {
                    continue;
                }

                competing++;
                if (_random is not null && _random.Next(competing) == 0 && _random.Next(3) == 0)
                {
                    chosen = j;
                }
                else if (Precedes(j, chosen, tardinessFirst) && (_random is null || _random.Next(4) != 0))
                {
                    chosen = j;
                }
            }

            Commit(chosen);
        }

        return Result();
    }

    /// <summary>
    /// First-free-slot insertion, as MES/ERP finite loading does it: whole work orders one after another in
    /// <paramref name="jobOrder"/>, each operation booked into the earliest gap (on the machine and qualified worker that
    /// finish it first) after its predecessor, never moving what is already booked.
    /// </summary>
    public SchedulePlan? ExecuteInOrder(IEnumerable<int> jobOrder, out string? failure)
    {
        failure = null;
        foreach (var j in jobOrder)
        {
            while (_next[j] < _problem.Jobs[j].Operations.Count)
            {
                if ((_cache[j] = Evaluate(j)) is null)
                {
                    var op = _problem.Jobs[j].Operations[_next[j]];
                    failure = $"operation '{op.Id}' of job '{_problem.Jobs[j].Id}' cannot be placed: no eligible machine and qualified, certified, on-shift worker is free for it";
                    return null;
                }

                Commit(j);
            }
        }

        return Result();
    }

    private SchedulePlan Result() =>
        new([.. _placed.Select(p => p!).OrderBy(p => p.Start).ThenBy(p => p.MachineId, StringComparer.Ordinal)]);

    private bool Precedes(int a, int b, bool tardinessFirst)
    {
        switch (_rule)
        {
            case DispatchRule.WorkRemaining:
                return _remaining[a] != _remaining[b] ? _remaining[a] > _remaining[b] : _cache[a]!.Start < _cache[b]!.Start;
            case DispatchRule.OperationsRemaining:
                var left = OperationsLeft(a).CompareTo(OperationsLeft(b));
                return left != 0 ? left > 0 : _remaining[a] > _remaining[b];
            case DispatchRule.ShortestOperation:
                var length = (_cache[a]!.End - _cache[a]!.Start).CompareTo(_cache[b]!.End - _cache[b]!.Start);
                return length != 0 ? length < 0 : _remaining[a] > _remaining[b];
            case DispatchRule.EarliestDue:
                var due = (_problem.Jobs[a].Due ?? long.MaxValue).CompareTo(_problem.Jobs[b].Due ?? long.MaxValue);
                if (due != 0)
                {
                    return due < 0;
                }

                return _problem.Jobs[a].Weight != _problem.Jobs[b].Weight ? _problem.Jobs[a].Weight > _problem.Jobs[b].Weight : _remaining[a] > _remaining[b];
        }

        if (tardinessFirst)
        {
            var ua = Urgency(a);
            var ub = Urgency(b);
            if (ua != ub)
            {
                return ua < ub;
            }
        }

        if (_remaining[a] != _remaining[b])
        {
            return _remaining[a] > _remaining[b];
        }

        return _cache[a]!.Start < _cache[b]!.Start;
    }

    private int OperationsLeft(int j) => _problem.Jobs[j].Operations.Count - _next[j];

    /// <summary>Weighted slack: how long the job can still wait before it is late, divided by its weight.</summary>
    private double Urgency(int j)
    {
        var job = _problem.Jobs[j];
        if (job.Due is not { } due)
        {
            return double.MaxValue;
        }

        var slack = due - _cache[j]!.Start - _remaining[j];
        return slack >= 0 ? slack / (double)Math.Max(1, job.Weight) : slack * (double)Math.Max(1, job.Weight);
    }

    private void Commit(int j)
    {
        var option = _cache[j]!;
        var opIndex = _jobFirstOp[j] + _next[j];
        var info = _index.Operations[opIndex];
        _machines[option.Machine].Reserve(option.Start, option.End);
        if (option.Worker >= 0)
        {
            _workers[option.Worker].Reserve(option.Start, option.End);
        }

        _placed[opIndex] = new ScheduledOperation(
            info.Operation.Id,
            info.Job.Id,
            _problem.Machines[option.Machine].Id,
            option.Worker >= 0 ? _problem.Workers[option.Worker].Id : null,
            option.Start,
            option.End);
        _ready[j] = Math.Max(_ready[j], option.End);
        _remaining[j] -= _minDuration[opIndex];
        _next[j]++;
        SkipFrozen(j);
        _cache[j] = null;
        for (var other = 0; other < _cache.Length; other++)
        {
            if (_cache[other] is { } o && (o.Machine == option.Machine || (option.Worker >= 0 && o.Worker == option.Worker)))
            {
                _cache[other] = null;
            }
        }
    }

    private void SkipFrozen(int j)
    {
        var ops = _problem.Jobs[j].Operations.Count;
        while (_next[j] < ops && _placed[_jobFirstOp[j] + _next[j]] is { } frozen)
        {
            _ready[j] = Math.Max(_ready[j], frozen.End);
            _next[j]++;
        }
    }

    private Option? Evaluate(int j)
    {
        var opIndex = _jobFirstOp[j] + _next[j];
        var best = Earliest(j, opIndex, _alternatives[opIndex], _preferred[opIndex]);
        return best is null ? null : Sticky(opIndex, Ready(j, opIndex), Cheaper(j, opIndex, best));
    }

    /// <summary>
    /// When the problem weighs cost: the cheapest alternative that still lets the job meet its due date (its remaining
    /// work after this operation at the shortest durations), else <paramref name="earliest"/> — a cheaper machine is
    /// taken when due dates allow, never at the price of lateness the dispatcher can see.
    /// </summary>
    private Option Cheaper(int j, int opIndex, Option earliest)
    {
        if (!_problem.WeighsCost || _problem.Jobs[j].Due is not { } due)
        {
            return earliest;
        }

        long Cost(int machine, long duration) => duration * _problem.Machines[machine].CostRate;
        var rest = _remaining[j] - _minDuration[opIndex];
        var spent = Cost(earliest.Machine, earliest.End - earliest.Start);
        foreach (var alternative in InOrder(opIndex).Where(a => Cost(a.Machine, a.Duration) < spent).OrderBy(a => Cost(a.Machine, a.Duration)))
        {
            if (Earliest(j, opIndex, [alternative], -1) is { } cheaper && cheaper.End + rest <= due)
            {
                return cheaper;
            }
        }

        return earliest;
    }

    /// <summary>
    /// The operation's alternatives in the order they are tried: its current machine first (a tie goes to it), then the rest
    /// shortest first.
    /// </summary>
    private IEnumerable<(int Machine, long Duration)> InOrder(int opIndex)
    {
        var alternatives = _alternatives[opIndex];
        var preferred = _preferred[opIndex];
        if (preferred >= 0)
        {
            yield return alternatives[preferred];
        }

        for (var k = 0; k < alternatives.Length; k++)
        {
            if (k != preferred)
            {
                yield return alternatives[k];
            }
        }
    }

    /// <summary>
    /// The option among <paramref name="alternatives"/> (with a qualified worker) that ends first, or null; the alternative
    /// at <paramref name="preferred"/> (if not -1) is tried first.
    /// </summary>
    private Option? Earliest(int j, int opIndex, (int Machine, long Duration)[] alternatives, int preferred)
    {
        var ready = Ready(j, opIndex);
        Option? best = null;
        var workers = _qualified[opIndex];
        // When each qualified worker could start at the soonest, whatever the machine (the shortest duration from ready): a
        // bound that skips the pairs that cannot beat the best so far without searching both timelines. On a large site
        // most of an operation's hundreds of machines are free and the workers are what decides.
        var workerBound = workers is null || workers.Length < 2 ? null : WorkerBounds(workers, ready, _minDuration[opIndex]);
        // No alternative starts before the first qualified worker can (a longer job fits no sooner than a shorter one) nor
        // before it is ready. The alternatives come shortest first, so once one cannot beat the best even from there, none
        // after it can: the rest of the machines are not searched (#20: on a 1,000-machine site an operation scanned its two
        // hundred machines although the first free one already decided it).
        var floor = workerBound is null ? ready : Math.Max(ready, workerBound.Min());
        for (var k = preferred >= 0 ? -1 : 0; k < alternatives.Length; k++)
        {
            if (k == preferred)
            {
                continue;
            }

            var (machine, duration) = alternatives[k < 0 ? preferred : k];
            if (k >= 0 && best is not null && !Beats(floor, duration, best))
            {
                break;
            }

            // The machine alone bounds the start; skip alternatives and workers that cannot beat the best end so far.
            var machineStart = _machines[machine].EarliestFit(ready, duration);
            var bestEnd = best?.End ?? Timeline.Never;
            if (machineStart + duration >= bestEnd)
            {
                continue;
            }

            if (workers is null)
            {
                best = new Option(machine, -1, machineStart, machineStart + duration);
                continue;
            }

            var first = _firstWorker[opIndex];
            for (var i = 0; i < workers.Length; i++)
            {
                var w = FirstThenRest.At(i, first);
                var (worker, until) = workers[w];
                if (workerBound is not null && best is not null && !Beats(Math.Max(machineStart, workerBound[w]), duration, best))
                {
                    continue; // this worker cannot start it soon enough on this machine
                }

                var workerStart = _workers[worker].EarliestFit(machineStart, duration);
                if (workerStart == machineStart)
                {
                    // Nobody can start this alternative earlier than the machine allows.
                    if (machineStart + duration <= until)
                    {
                        Consider(ref best, new Option(machine, worker, machineStart, machineStart + duration));
                        break;
                    }

                    continue;
                }

                var limit = Math.Min(best?.End ?? Timeline.Never, until + 1) - duration;
                if (workerStart > limit)
                {
                    continue;
                }

                var start = Timeline.FitBoth(_machines[machine], _workers[worker], workerStart, duration, limit);
                if (start + duration <= until)
                {
                    Consider(ref best, new Option(machine, worker, start, start + duration));
                }
            }
        }

        return best;
    }

    /// <summary>When operation <paramref name="opIndex"/> of job <paramref name="j"/> may start: after its predecessor and its own earliest start (a pin's not-before).</summary>
    private long Ready(int j, int opIndex) => Math.Max(_ready[j], _notBefore[opIndex]);

    /// <summary>
    /// The operation's current worker (on its current machine, else on the machine of <paramref name="best"/>) when they
    /// finish it within the slack of <paramref name="best"/>: a person already told where to work next is moved only for
    /// a real gain.
    /// </summary>
    private Option Sticky(int opIndex, long ready, Option best)
    {
        if (_current?[opIndex] is not { } current || current.Worker == best.Worker)
        {
            return best;
        }

        Option? kept = null;
        foreach (var (machine, duration) in InOrder(opIndex))
        {
            if (machine != current.Machine && machine != best.Machine)
            {
                continue;
            }

            var limit = Math.Min(best.End + _slack, current.Until + 1) - duration;
            var machineStart = _machines[machine].EarliestFit(ready, duration);
            var start = machineStart > limit ? Timeline.Never : Timeline.FitBoth(_machines[machine], _workers[current.Worker], machineStart, duration, limit);
            if (start < Timeline.Never && (kept is null || start + duration < kept.End))
            {
                kept = new Option(machine, current.Worker, start, start + duration);
            }
        }

        return kept ?? best;
    }

    private long[] WorkerBounds((int Worker, long Until)[] workers, long ready, long shortest)
    {
        var bounds = new long[workers.Length];
        for (var w = 0; w < workers.Length; w++)
        {
            bounds[w] = _workers[workers[w].Worker].EarliestFit(ready, shortest);
        }

        return bounds;
    }

    private static void Consider(ref Option? best, Option candidate)
    {
        if (candidate.Start < Timeline.Never && (best is null || Beats(candidate.Start, candidate.End - candidate.Start, best)))
        {
            best = candidate;
        }
    }

    /// <summary>
    /// Whether work starting at <paramref name="start"/> for <paramref name="duration"/> is a better option than
    /// <paramref name="best"/>: it ends sooner, or as soon and starts sooner. Also a bound: work that cannot start before
    /// <paramref name="start"/> beats nothing this does not.
    /// </summary>
    private static bool Beats(long start, long duration, Option best) =>
        start + duration < best.End || (start + duration == best.End && start < best.Start);

    private sealed record Option(int Machine, int Worker, long Start, long End);
}
