using Factory.Scheduling.Model;
using Factory.Scheduling.Plans;

namespace Factory.Scheduling.Solvers;

/// <summary>
/// Short local search on the critical path of a valid plan. A solution is a list of the free operations (respecting job
/// order) with a machine and worker each; it is decoded semi-actively: every operation starts at the earliest instant
/// after its job predecessor and after the operations listed before it on its machine and worker, where its machine's
/// calendar and its worker's shifts allow. The list in start order decodes to a plan no later than the one it came from,
/// so the search starts where the constructive plan is. Moves are taken from the critical path of the latest (or, when
/// tardiness counts, the most tardy) job: swap the first two and the last two operations of each block on one machine or
/// worker (N5), move a block's last operation to its front and its first to its back (N7), and move a critical operation
/// to another eligible machine or qualified worker. The first improving move is kept; the search ends at a local optimum,
/// when the work budget is spent, or when the caller's time is up. A final pass shifts every operation left into any gap
/// the moves opened. Frozen and pinned operations keep what is fixed about them.
/// </summary>
internal sealed class CriticalPathSearch
{
    private const byte NoArc = 0;
    private const byte JobArc = 1;
    private const byte MachineArc = 2;
    private const byte WorkerArc = 3;

    /// <summary>Kicks in a row without a better local optimum after which the search stops before its budget.</summary>
    private const int StaleKicks = 60;

    private readonly ProblemIndex _index;
    private readonly SchedulingProblem _problem;
    private readonly int _n;
    private readonly Timeline[] _machineCalendar;
    private readonly Timeline[] _workerCalendar;
    private readonly ResourceCalendars _calendars;
    private readonly FrozenOperation?[] _frozen;
    private readonly long[] _earliest;
    private readonly (int Machine, long Duration)[][] _alternatives;
    private readonly (int Worker, long Until)[]?[] _qualified;
    private readonly bool[] _machineFixed;
    private readonly bool[] _workerFixed;
    private readonly int[] _jobLast;
    private readonly bool _tardinessFirst;

    public CriticalPathSearch(ProblemIndex index)
    {
        _index = index;
        _problem = index.Problem;
        _n = index.Operations.Count;
        _tardinessFirst = _problem.Objective == ObjectiveKind.WeightedTardinessThenMakespan;
        _frozen = new FrozenOperation?[_n];
        _earliest = new long[_n];
        _alternatives = new (int, long)[_n][];
        _qualified = new (int, long)[]?[_n];
        _machineFixed = new bool[_n];
        _workerFixed = new bool[_n];
        foreach (var info in index.Operations)
        {
            var i = info.Index;
            _earliest[i] = index.EarliestStart(info);
            index.Pinned.TryGetValue(info.Operation.Id, out var pin);
            // Only an operation whose machine may change is tried on others, shortest first; the rest need only durations.
            _alternatives[i] = pin is not null || index.Frozen.ContainsKey(info.Operation.Id) ? index.Listed(info) : index.ByDuration(info);
            _qualified[i] = index.QualifiedWorkers(info);
            _machineFixed[i] = pin is not null || _alternatives[i].Length < 2;
            _workerFixed[i] = pin?.WorkerId is not null || _qualified[i] is not { Length: > 1 };
            if (index.Frozen.TryGetValue(info.Operation.Id, out var f))
            {
                _frozen[i] = f;
            }
        }

        _calendars = new ResourceCalendars(index);
        _machineCalendar = _calendars.Machines();
        _workerCalendar = _calendars.Workers();
        _jobLast = new int[_problem.Jobs.Count];
        var first = 0;
        for (var j = 0; j < _problem.Jobs.Count; j++)
        {
            first += _problem.Jobs[j].Operations.Count;
            _jobLast[j] = first - 1;
        }
    }

    /// <summary>
    /// Improves <paramref name="plan"/> (valid for the problem) spending at most <paramref name="work"/> operation placements
    /// (what it spent is added to <paramref name="spent"/>); <paramref name="expired"/> is asked between evaluations.
    /// Returns a plan at least as good under the problem's objective.
    /// </summary>
    public SchedulePlan Improve(SchedulePlan plan, long work, Func<bool> expired, ref long spent)
    {
        var current = FromPlan(plan);
        if (current is null || !Decode(current))
        {
            return plan;
        }

        var trial = current.Clone();
        var best = current.Clone();
        var initial = current.Key;
        spent += current.Order.Length;
        var random = new Random(plan.Operations.Count);
        var fruitless = 0;
        while (spent < work && !expired() && fruitless < StaleKicks)
        {
            if (Descend(ref current, ref trial, work, expired, ref spent))
            {
                continue;
            }

            // A local optimum: keep it if it is the best so far, then kick the best with a random critical-path move and descend
            // again; after StaleKicks kicks in a row that found nothing better the search has settled.
            if (current.Key.CompareTo(best.Key) < 0)
            {
                best.CopyFrom(current);
                fruitless = 0;
            }
            else
            {
                fruitless++;
            }

            current.CopyFrom(best);
            for (var kick = 0; kick < 2 && spent < work; kick++)
            {
                Decode(current);
                var targets = Targets(current);
                var moves = Moves(current, Path(current, targets[random.Next(targets.Count)])).ToList();
                if (moves.Count == 0)
                {
                    break;
                }

                trial.CopyFrom(current);
                moves[random.Next(moves.Count)](trial);
                spent += trial.Order.Length;
                if (Decode(trial))
                {
                    current.CopyFrom(trial);
                }
            }

            if (!Decode(current))
            {
                current.CopyFrom(best);
                Decode(current);
            }
        }

        if (current.Key.CompareTo(best.Key) < 0)
        {
            best.CopyFrom(current);
        }

        if (best.Key.CompareTo(initial) >= 0 || !Decode(best))
        {
            return plan; // nothing better found: the plan stays exactly as it was (no needless time changes)
        }

        var result = Compact(best);
        return ObjectiveValues.Of(_problem, plan).IsBetterThan(ObjectiveValues.Of(_problem, result), _problem.Objective) ? plan : result;
    }

    /// <summary>One first-improvement step from <paramref name="current"/>; false at a local optimum (or when the budget ran out).</summary>
    private bool Descend(ref SearchSolution current, ref SearchSolution trial, long work, Func<bool> expired, ref long spent)
    {
        foreach (var target in Targets(current))
        {
            foreach (var move in Moves(current, Path(current, target)))
            {
                if (spent >= work || expired())
                {
                    return false;
                }

                trial.CopyFrom(current);
                move(trial);
                spent += trial.Order.Length;
                if (Decode(trial) && trial.Key.CompareTo(current.Key) < 0)
                {
                    (current, trial) = (trial, current);
                    return true;
                }
            }
        }

        return false;
    }

    private SearchSolution? FromPlan(SchedulePlan plan)
    {
        var s = new SearchSolution(_n, _index.Operations.Count(o => _frozen[o.Index] is null)).Sized(_problem.Machines.Count, _problem.Workers.Count);
        var byOp = plan.ByOperation();
        var free = new List<(long Start, long End, int Op)>(s.Order.Length);
        foreach (var info in _index.Operations)
        {
            var i = info.Index;
            if (_frozen[i] is not null)
            {
                s.Pos[i] = -1;
                continue;
            }

            if (!byOp.TryGetValue(info.Operation.Id, out var placed) || !_index.MachineIndex.TryGetValue(placed.MachineId, out var m))
            {
                return null;
            }

            s.Machine[i] = m;
            s.Worker[i] = -1;
            if (placed.WorkerId is not null)
            {
                var choice = _qualified[i] is { } workers && _index.WorkerIndex.TryGetValue(placed.WorkerId, out var w)
                    ? Array.FindIndex(workers, q => q.Worker == w)
                    : -1;
                if (choice < 0)
                {
                    return null;
                }

                (s.Worker[i], s.Until[i]) = _qualified[i]![choice];
            }
            else if (_qualified[i] is not null)
            {
                return null;
            }

            free.Add((placed.Start, placed.End, i));
        }

        free.Sort();
        for (var k = 0; k < free.Count; k++)
        {
            s.Order[k] = free[k].Op;
            s.Pos[free[k].Op] = k;
        }

        return s;
    }

    private long Duration(int op, int machine)
    {
        foreach (var (m, d) in _alternatives[op])
        {
            if (m == machine)
            {
                return d;
            }
        }

        throw new InvalidOperationException($"machine {machine} is not an alternative of operation {op}");
    }

    private long EndOf(SearchSolution s, int op) => _frozen[op] is { } f ? f.End : s.End[op];

    /// <summary>Semi-active decoding of the list; false when a worker's certification or shifts cannot take an operation.</summary>
    private bool Decode(SearchSolution s)
    {
        var machineLast = s.MachineLast;
        var machinePrev = s.MachinePrev;
        var workerLast = s.WorkerLast;
        var workerPrev = s.WorkerPrev;
        Array.Fill(machineLast, long.MinValue);
        Array.Fill(machinePrev, -1);
        Array.Fill(workerLast, long.MinValue);
        Array.Fill(workerPrev, -1);
        foreach (var op in s.Order)
        {
            var info = _index.Operations[op];
            var from = _earliest[op];
            var blocker = -1;
            var arc = NoArc;
            var m = s.Machine[op];
            var w = s.Worker[op];
            if (machinePrev[m] >= 0 && machineLast[m] >= from)
            {
                (from, blocker, arc) = (machineLast[m], machinePrev[m], MachineArc);
            }

            if (w >= 0 && workerPrev[w] >= 0 && workerLast[w] > from)
            {
                (from, blocker, arc) = (workerLast[w], workerPrev[w], WorkerArc);
            }

            if (info.Position > 0 && EndOf(s, op - 1) is var predecessorEnd && predecessorEnd > from)
            {
                (from, blocker, arc) = (predecessorEnd, _frozen[op - 1] is null ? op - 1 : -1, JobArc);
            }

            var d = Duration(op, m);
            long start;
            if (w < 0)
            {
                start = _machineCalendar[m].EarliestFit(from, d);
            }
            else
            {
                start = Timeline.FitBoth(_machineCalendar[m], _workerCalendar[w], from, d, s.Until[op] - d);
                if (start >= Timeline.Never)
                {
                    return false;
                }
            }

            s.Start[op] = start;
            s.End[op] = start + d;
            s.Blocker[op] = blocker;
            s.Arc[op] = arc;
            machineLast[m] = start + d;
            machinePrev[m] = op;
            if (w >= 0)
            {
                workerLast[w] = start + d;
                workerPrev[w] = op;
            }
        }

        long tardiness = 0, makespan = 0, completion = 0;
        for (var j = 0; j < _problem.Jobs.Count; j++)
        {
            var job = _problem.Jobs[j];
            if (job.Operations.Count == 0)
            {
                continue;
            }

            var end = EndOf(s, _jobLast[j]);
            makespan = Math.Max(makespan, end);
            completion += end;
            if (job.Due is { } due)
            {
                tardiness += Math.Max(1, job.Weight) * Math.Max(0, end - due);
            }
        }

        foreach (var f in _frozen)
        {
            makespan = Math.Max(makespan, f?.End ?? 0);
        }

        // The sum of completion times breaks ties between plans equal on the objective, so the search can leave a plateau.
        s.Key = _tardinessFirst ? (tardiness, makespan, completion) : (makespan, 0, completion);
        return true;
    }

    /// <summary>The ends of the critical paths worth shortening: the most tardy jobs' last operations, then the latest operation.</summary>
    private List<int> Targets(SearchSolution s)
    {
        var targets = new List<int>(4);
        if (_tardinessFirst && s.Key.Primary > 0)
        {
            targets.AddRange(Enumerable.Range(0, _problem.Jobs.Count)
                .Where(j => _problem.Jobs[j].Due is not null && _problem.Jobs[j].Operations.Count > 0 && _frozen[_jobLast[j]] is null)
                .Select(j => (Job: j, Late: Math.Max(1, _problem.Jobs[j].Weight) * (s.End[_jobLast[j]] - _problem.Jobs[j].Due!.Value)))
                .Where(x => x.Late > 0)
                .OrderByDescending(x => x.Late)
                .Take(3)
                .Select(x => _jobLast[x.Job]));
        }

        var latest = -1;
        foreach (var op in s.Order)
        {
            if (latest < 0 || s.End[op] > s.End[latest])
            {
                latest = op;
            }
        }

        if (latest >= 0 && !targets.Contains(latest))
        {
            targets.Add(latest);
        }

        return targets;
    }

    private static List<int> Path(SearchSolution s, int target)
    {
        var path = new List<int>();
        for (var op = target; op >= 0; op = s.Blocker[op])
        {
            path.Add(op);
        }

        path.Reverse();
        return path;
    }

    private IEnumerable<Action<SearchSolution>> Moves(SearchSolution s, List<int> path)
    {
        // Blocks: runs of the path joined by arcs of one machine or one worker.
        var a = 0;
        while (a < path.Count)
        {
            var b = a;
            while (b + 1 < path.Count && s.Arc[path[b + 1]] is MachineArc or WorkerArc && (b == a || s.Arc[path[b + 1]] == s.Arc[path[b]]))
            {
                b++;
            }

            if (b > a)
            {
                var (first, second, beforeLast, last) = (path[a], path[a + 1], path[b - 1], path[b]);
                yield return t => MoveBefore(t, second, first);
                if (b - a >= 2)
                {
                    yield return t => MoveBefore(t, last, beforeLast);
                    yield return t => MoveBefore(t, last, first);
                    yield return t => MoveAfter(t, first, last);
                }
            }

            a = b + 1;
        }

        foreach (var op in path)
        {
            if (!_machineFixed[op])
            {
                foreach (var (machine, _) in _alternatives[op].Where(x => x.Machine != s.Machine[op]).Take(4))
                {
                    yield return t => t.Machine[op] = machine;
                }
            }

            if (!_workerFixed[op] && s.Worker[op] >= 0)
            {
                var workers = _qualified[op]!;
                var start = s.Pos[op] % workers.Length;
                for (var k = 0; k < workers.Length && k <= 4; k++)
                {
                    var (worker, until) = workers[(start + k) % workers.Length];
                    if (worker != s.Worker[op])
                    {
                        yield return t => (t.Worker[op], t.Until[op]) = (worker, until);
                    }
                }
            }
        }
    }

    /// <summary>Puts <paramref name="op"/> just before <paramref name="anchor"/>, taking along its job predecessors listed between them.</summary>
    private void MoveBefore(SearchSolution s, int op, int anchor) => Regroup(s, op, s.Pos[anchor], s.Pos[op], jobFirst: true);

    /// <summary>Puts <paramref name="op"/> just after <paramref name="anchor"/>, taking along its job successors listed between them.</summary>
    private void MoveAfter(SearchSolution s, int op, int anchor) => Regroup(s, op, s.Pos[op], s.Pos[anchor], jobFirst: false);

    /// <summary>
    /// Rewrites list positions [from, to] (which hold <paramref name="op"/>) as: one group, then <paramref name="op"/>, then the
    /// other group, where the groups are the operations of op's job and all others (the job's first when <paramref name="jobFirst"/>),
    /// each in its old order. Job order stays valid: same-job operations before op in the range are its predecessors, after it its successors.
    /// </summary>
    private void Regroup(SearchSolution s, int op, int from, int to, bool jobFirst)
    {
        if (from >= to)
        {
            return;
        }

        var job = _index.Operations[op].JobIndex;
        var segment = s.Order.AsSpan(from, to - from + 1).ToArray();
        var k = from;
        foreach (var first in new[] { jobFirst, !jobFirst })
        {
            foreach (var x in segment)
            {
                if (x != op && (_index.Operations[x].JobIndex == job) == first)
                {
                    s.Order[k++] = x;
                }
            }

            if (first == jobFirst)
            {
                s.Order[k++] = op;
            }
        }

        Reindex(s, from, to);
    }

    private static void Reindex(SearchSolution s, int from, int to)
    {
        for (var k = from; k <= to; k++)
        {
            s.Pos[s.Order[k]] = k;
        }
    }

    /// <summary>The decoded plan, every operation shifted left (in start order) into the earliest gap its machine and worker allow.</summary>
    private SchedulePlan Compact(SearchSolution s)
    {
        var machines = _calendars.Machines();
        var workers = _calendars.Workers();
        var end = new long[_n];
        var placed = new List<ScheduledOperation>(_n);
        foreach (var info in _index.Operations)
        {
            if (_frozen[info.Index] is { } f)
            {
                end[info.Index] = f.End;
                placed.Add(new ScheduledOperation(f.OperationId, info.Job.Id, f.MachineId, f.WorkerId, f.Start, f.End));
            }
        }

        foreach (var op in s.Order.OrderBy(o => s.Start[o]).ThenBy(o => s.End[o]).ThenBy(o => s.Pos[o]))
        {
            var info = _index.Operations[op];
            var (m, w) = (s.Machine[op], s.Worker[op]);
            var d = Duration(op, m);
            var from = Math.Max(_earliest[op], info.Position > 0 ? end[op - 1] : long.MinValue);
            var start = w < 0 ? machines[m].EarliestFit(from, d) : Timeline.FitBoth(machines[m], workers[w], from, d, s.Until[op] - d);
            machines[m].Reserve(start, start + d);
            if (w >= 0)
            {
                workers[w].Reserve(start, start + d);
            }

            end[op] = start + d;
            placed.Add(new ScheduledOperation(info.Operation.Id, info.Job.Id, _problem.Machines[m].Id, w < 0 ? null : _problem.Workers[w].Id, start, start + d));
        }

        return new SchedulePlan([.. placed.OrderBy(p => p.Start).ThenBy(p => p.MachineId, StringComparer.Ordinal)]);
    }
}
