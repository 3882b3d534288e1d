using Factory.Scheduling.Model;
using Factory.Scheduling.Plans;
using Google.OrTools.Sat;

namespace Factory.Scheduling.Solvers;

/// <summary>The CP-SAT model of one problem, and how to read a plan back from a solution.</summary>
internal sealed class CpSatModel
{
    private readonly ProblemIndex _index;
    private readonly SchedulingProblem _problem;
    private readonly OpVars?[] _ops;
    private readonly long _horizon;
    private readonly long _resourceHorizon;
    private readonly List<MaintenanceVars> _maintenance = [];
    private readonly long _tardinessScale;
    private readonly ChoiceBudget? _budget;

    public CpSatModel(ProblemIndex index, SchedulePlan? hint, SchedulePlan? validPlan, int? maxChoices = null)
    {
        _index = index;
        _problem = index.Problem;
        _budget = ChoiceBudget.For(index, hint, maxChoices);
        _ops = new OpVars?[index.Operations.Count];
        var anyDue = _problem.Jobs.Any(j => j.Due is not null);
        EffectiveObjective = _problem.Objective == ObjectiveKind.WeightedTardinessThenMakespan && (anyDue || _problem.WeighsCost)
            ? ObjectiveKind.WeightedTardinessThenMakespan
            : ObjectiveKind.Makespan;
        _horizon = Horizon(validPlan);
        _tardinessScale = _horizon + 1;
        // Maintenance may lie after all production (late in a long window): machine and worker time is modelled up
        // to the latest window end, so a late slot still sees the machine's unavailability and the worker's shifts.
        _resourceHorizon = Math.Max(_horizon, _problem.MaintenanceTasks.Select(t => t.Due.To).DefaultIfEmpty(0).Max());
        Build();
        if (Infeasibility is null && hint is not null)
        {
            AddHints(hint);
        }
    }

    public CpModel Model { get; } = new();

    public ObjectiveKind EffectiveObjective { get; }

    /// <summary>How many machine and worker choices each operation kept, when the model was over its budget; null when not.</summary>
    public int? ChoicesPerOperation => _budget?.PerOperation;

    /// <summary>Why the model is trivially infeasible (e.g. an operation without a qualified worker), or null.</summary>
    public string? Infeasibility { get; private set; }

    /// <summary>Maintenance tasks left out of the model (no slot in their window), carried into every extracted plan.</summary>
    public IReadOnlyList<UnplannedMaintenance> Unplanned { get; init; } = [];

    private IntVar? Makespan { get; set; }

    private List<(int Job, IntVar Tardiness)> Tardiness { get; } = [];

    /// <summary>Converts CP-SAT's objective bound into a bound on the primary objective.</summary>
    public long PrimaryBound(double bound)
    {
        var b = (long)Math.Ceiling(bound - 1e-6);
        return EffectiveObjective == ObjectiveKind.Makespan ? b : b / _tardinessScale;
    }

    public SchedulePlan Extract(CpSolver solver)
    {
        var list = new List<ScheduledOperation>(_ops.Length);
        foreach (var info in _index.Operations)
        {
            if (_index.Frozen.TryGetValue(info.Operation.Id, out var f))
            {
                list.Add(new ScheduledOperation(f.OperationId, info.Job.Id, f.MachineId, f.WorkerId, f.Start, f.End));
                continue;
            }

            var v = _ops[info.Index]!;
            var start = solver.Value(v.Start);
            var alt = v.Alternatives.Length == 1 ? v.Alternatives[0] : v.Alternatives.First(a => solver.BooleanValue(a.Present!));
            string? worker = null;
            if (v.Workers is { } workers)
            {
                worker = _problem.Workers[workers.Length == 1 ? workers[0].Worker : workers.First(w => solver.BooleanValue(w.Present)).Worker].Id;
            }

            list.Add(new ScheduledOperation(info.Operation.Id, info.Job.Id, _problem.Machines[alt.Machine].Id, worker, start, start + alt.Duration));
        }

        var maintenance = _maintenance.Select(m =>
        {
            var start = solver.Value(m.Start);
            string? worker = m.Workers.Length == 0 ? null
                : _problem.Workers[m.Workers.Length == 1 ? m.Workers[0].Worker : m.Workers.First(w => solver.BooleanValue(w.Present)).Worker].Id;
            return new ScheduledMaintenance(m.Task.Id, m.Task.MachineId, worker, start, start + m.Task.Duration);
        });
        return new SchedulePlan([.. list.OrderBy(s => s.Start).ThenBy(s => s.MachineId, StringComparer.Ordinal)])
        {
            Maintenance = [.. maintenance.OrderBy(m => m.Start)],
            UnplannedMaintenance = Unplanned,
        };
    }

    private long Horizon(SchedulePlan? validPlan)
    {
        var boundary = Math.Max(_problem.PlanStart, 0);
        foreach (var job in _problem.Jobs)
        {
            boundary = Math.Max(boundary, job.Release);
        }

        foreach (var f in _problem.Frozen)
        {
            boundary = Math.Max(boundary, f.End);
        }

        foreach (var p in _problem.Pinned)
        {
            // A not-before pushes its operation (and what follows it) later: the horizon must reach past it.
            boundary = Math.Max(boundary, p.NotBefore ?? boundary);
        }

        foreach (var w in _problem.Machines.SelectMany(m => m.Unavailable))
        {
            if (w.To < Timeline.Never)
            {
                boundary = Math.Max(boundary, w.To);
            }
        }

        var work = 0L;
        foreach (var info in _index.Operations)
        {
            if (!_index.Frozen.ContainsKey(info.Operation.Id))
            {
                work += info.Operation.Alternatives.Max(a => a.Duration);
            }
        }

        var horizon = boundary + work;
        if (validPlan is not null)
        {
            // A known plan bounds the optimum's makespan when makespan is all that counts. For tardiness the
            // search is confined to twice the known plan's remaining span: a tighter horizon keeps the model's
            // numbers small and its propagation strong, and a plan that long would not be chosen in practice.
            horizon = EffectiveObjective == ObjectiveKind.Makespan
                ? validPlan.Makespan
                : Math.Min(horizon, validPlan.Makespan + Math.Max(validPlan.Makespan - boundary, 0) + 1);
            horizon = Math.Max(horizon, validPlan.Makespan);
        }

        return Math.Max(horizon, 1);
    }

    private void Build()
    {
        var machineIntervals = _problem.Machines.Select(_ => new List<IntervalVar>()).ToArray();
        var workerIntervals = _problem.Workers.Select(_ => new List<IntervalVar>()).ToArray();
        var h = _horizon;
        var rh = _resourceHorizon;

        // Unavailability, off-shift time and frozen work are merged per resource first: a frozen operation is a
        // fact and may overlap a window (a shift that ended while it ran), which two fixed intervals could not express.
        var machineFixed = _problem.Machines.Select(m => new List<TimeWindow>(m.Unavailable)).ToArray();
        var workerFixed = _problem.Workers.Select(_ => new List<TimeWindow>()).ToArray();
        for (var w = 0; w < _problem.Workers.Count; w++)
        {
            if (_problem.Workers[w].Shifts is not { } shifts)
            {
                continue;
            }

            var cursor = 0L;
            foreach (var s in ProblemIndex.Merge(shifts))
            {
                workerFixed[w].Add(new TimeWindow(cursor, s.From));
                cursor = Math.Max(cursor, s.To);
            }

            workerFixed[w].Add(new TimeWindow(cursor, rh + 1));
        }

        foreach (var f in _index.Frozen.Values)
        {
            if (_index.MachineIndex.TryGetValue(f.MachineId, out var fm))
            {
                machineFixed[fm].Add(new TimeWindow(f.Start, f.End));
            }

            if (f.WorkerId is not null && _index.WorkerIndex.TryGetValue(f.WorkerId, out var fw))
            {
                workerFixed[fw].Add(new TimeWindow(f.Start, f.End));
            }
        }

        for (var m = 0; m < machineFixed.Length; m++)
        {
            ProblemIndex.Merge(machineFixed[m]).ForEach(w => AddFixed(machineIntervals[m], w.From, w.To, rh));
        }

        for (var w = 0; w < workerFixed.Length; w++)
        {
            ProblemIndex.Merge(workerFixed[w]).ForEach(x => AddFixed(workerIntervals[w], x.From, x.To, rh));
        }

        var ends = new List<LinearExpr>();
        foreach (var info in _index.Operations)
        {
            var op = info.Operation;
            if (_index.Frozen.TryGetValue(op.Id, out var f))
            {
                ends.Add(LinearExpr.Constant(f.End));
                continue;
            }

            _index.Pinned.TryGetValue(op.Id, out var pin);
            var earliest = _index.EarliestStart(info);
            for (var k = info.Position - 1; k >= 0; k--)
            {
                if (_index.Frozen.TryGetValue(info.Job.Operations[k].Id, out var pf))
                {
                    earliest = Math.Max(earliest, pf.End);
                    break;
                }
            }

            OperationAlternative[] allowed = [.. op.Alternatives.Where(a => pin is null || a.MachineId == pin.MachineId)];
            if (_budget is { } budget)
            {
                allowed = budget.Machines(op, allowed);
            }

            var alts = allowed.Select(a => new AltVars(_index.MachineIndex[a.MachineId], a.Duration, null)).ToArray();
            var minDuration = alts.Min(a => a.Duration);
            var maxDuration = alts.Max(a => a.Duration);
            if (earliest + minDuration > h)
            {
                Infeasibility = $"operation '{op.Id}' cannot finish within the horizon {h}";
                return;
            }

            var name = op.Id;
            var start = Model.NewIntVar(earliest, h - minDuration, name + ".s");
            var end = Model.NewIntVar(earliest + minDuration, h, name + ".e");
            if (alts.Length == 1)
            {
                machineIntervals[alts[0].Machine].Add(Model.NewIntervalVar(start, alts[0].Duration, end, name + ".i"));
            }
            else
            {
                for (var a = 0; a < alts.Length; a++)
                {
                    var present = Model.NewBoolVar($"{name}.m{alts[a].Machine}");
                    alts[a] = alts[a] with { Present = present };
                    machineIntervals[alts[a].Machine].Add(Model.NewOptionalIntervalVar(start, alts[a].Duration, end, present, $"{name}.i{alts[a].Machine}"));
                }

                Model.AddExactlyOne(alts.Select(a => (ILiteral)a.Present!));
            }

            WorkerVars[]? workers = null;
            IntVar? durationVar = null;
            if (_index.QualifiedWorkers(info) is { } qualified)
            {
                if (_budget is { } workerBudget)
                {
                    qualified = workerBudget.Workers(op, qualified, _problem.Workers);
                }

                workers = [.. qualified.Select(q => new WorkerVars(q.Worker, q.Until, Model.NewBoolVar($"{op.Id}.w{q.Worker}")))];
                if (workers.Length == 0)
                {
                    Infeasibility = $"no worker holds skill '{op.Skill}' at level {op.MinLevel} for operation '{op.Id}'";
                    return;
                }

                LinearExpr size = LinearExpr.Constant(minDuration);
                if (minDuration != maxDuration)
                {
                    // Interval sizes must be one variable: the duration follows the machine choice.
                    durationVar = Model.NewIntVar(minDuration, maxDuration, name + ".d");
                    Model.Add(start + durationVar == end);
                    size = durationVar;
                }

                foreach (var wv in workers)
                {
                    workerIntervals[wv.Worker].Add(Model.NewOptionalIntervalVar(start, size, end, wv.Present, $"{name}.w{wv.Worker}"));
                    if (wv.Until < h)
                    {
                        Model.Add(end <= wv.Until).OnlyEnforceIf(wv.Present);
                    }
                }

                if (workers.Length == 1)
                {
                    Model.Add(workers[0].Present == 1);
                }
                else
                {
                    Model.AddExactlyOne(workers.Select(w => (ILiteral)w.Present));
                }
            }

            _ops[info.Index] = new OpVars(start, end, alts, workers, durationVar);
            if (info.Position > 0 && _ops[info.Index - 1] is { } previous && info.Job.Operations[info.Position - 1].Id == _index.Operations[info.Index - 1].Operation.Id)
            {
                Model.Add(previous.End <= start);
            }

            if (info.Position == info.Job.Operations.Count - 1)
            {
                ends.Add(end);
            }
        }

        if (!BuildMaintenance(machineIntervals, workerIntervals))
        {
            return;
        }

        foreach (var intervals in machineIntervals.Concat(workerIntervals))
        {
            if (intervals.Count > 1)
            {
                Model.AddNoOverlap(intervals);
            }
        }

        BuildObjective(ends);
    }

    /// <summary>
    /// One interval per maintenance task with its start free inside the due window, in its machine's no-overlap and
    /// (optionally, one per qualified worker) in the worker's: the objective's tardiness then decides the slot.
    /// </summary>
    private bool BuildMaintenance(List<IntervalVar>[] machineIntervals, List<IntervalVar>[] workerIntervals)
    {
        foreach (var task in _problem.MaintenanceTasks)
        {
            var from = Math.Max(task.Due.From, _problem.PlanStart);
            var latest = task.Due.To - task.Duration;
            var start = Model.NewIntVar(from, Math.Max(from, latest), task.Id + ".s");
            var end = Model.NewIntVar(from + task.Duration, Math.Max(from, latest) + task.Duration, task.Id + ".e");
            machineIntervals[_index.MachineIndex[task.MachineId]].Add(Model.NewIntervalVar(start, task.Duration, end, task.Id + ".i"));
            var workers = new List<WorkerVars>();
            if (task.NeedsWorker)
            {
                for (var w = 0; w < _problem.Workers.Count; w++)
                {
                    if (task.CertifiedUntil(_problem.Workers[w]) is not { } until)
                    {
                        continue;
                    }

                    var present = Model.NewBoolVar($"{task.Id}.w{w}");
                    workers.Add(new WorkerVars(w, until, present));
                    workerIntervals[w].Add(Model.NewOptionalIntervalVar(start, task.Duration, end, present, $"{task.Id}.w{w}"));
                    if (until < _resourceHorizon)
                    {
                        Model.Add(end <= until).OnlyEnforceIf(present);
                    }
                }

                if (workers.Count == 0)
                {
                    Infeasibility = $"no worker holds skill '{task.Skill}' at level {task.MinLevel} for maintenance '{task.Id}'";
                    return false;
                }

                Model.AddExactlyOne(workers.Select(w => (ILiteral)w.Present));
            }

            _maintenance.Add(new MaintenanceVars(task, start, [.. workers]));
        }

        return true;
    }

    private void BuildObjective(List<LinearExpr> ends)
    {
        Makespan = Model.NewIntVar(0, _horizon, "makespan");
        if (ends.Count > 0)
        {
            Model.AddMaxEquality(Makespan, ends);
        }

        if (EffectiveObjective == ObjectiveKind.Makespan)
        {
            Model.Minimize(Makespan);
            return;
        }

        var terms = new List<LinearExpr>();
        for (var j = 0; j < _problem.Jobs.Count; j++)
        {
            var job = _problem.Jobs[j];
            if (job.Due is not { } due || job.Operations.Count == 0)
            {
                continue;
            }

            var last = _index.OperationIndex[job.Operations[^1].Id];
            LinearExpr end = _ops[last] is { } v ? v.End : LinearExpr.Constant(_index.Frozen[job.Operations[^1].Id].End);
            var t = Model.NewIntVar(0, Math.Max(0, _horizon - due), $"{job.Id}.tardiness");
            Model.Add(t >= end - due);
            Tardiness.Add((j, t));
            terms.Add(t * Math.Max(1, job.Weight));
        }

        if (_problem.WeighsCost)
        {
            // Running cost of the machine each operation is given: a constant for one alternative, else chosen by presence.
            foreach (var v in _ops.OfType<OpVars>())
            {
                foreach (var alt in v.Alternatives)
                {
                    var cost = alt.Duration * _problem.Machines[alt.Machine].CostRate * _problem.CostWeight;
                    if (cost > 0)
                    {
                        terms.Add(alt.Present is { } present ? present * cost : LinearExpr.Constant(cost));
                    }
                }
            }
        }

        // Lexicographic order as one weighted sum: a unit of the primary objective (weighted tardiness and weighted
        // cost) outweighs any makespan in the horizon.
        Model.Minimize((LinearExpr.Sum(terms) * _tardinessScale) + Makespan);
    }

    private void AddHints(SchedulePlan hint)
    {
        var byOp = hint.ByOperation();
        foreach (var info in _index.Operations)
        {
            if (_ops[info.Index] is not { } v || !byOp.TryGetValue(info.Operation.Id, out var s))
            {
                continue;
            }

            Model.AddHint(v.Start, s.Start);
            var alt = v.Alternatives.FirstOrDefault(a => _problem.Machines[a.Machine].Id == s.MachineId);
            var duration = alt?.Duration ?? s.End - s.Start;
            Model.AddHint(v.End, s.Start + duration);
            if (v.Duration is not null)
            {
                Model.AddHint(v.Duration, duration);
            }

            if (v.Alternatives.Length > 1)
            {
                foreach (var a in v.Alternatives)
                {
                    Model.AddHint(a.Present!, a == alt);
                }
            }

            if (v.Workers is { Length: > 1 } workers)
            {
                foreach (var w in workers)
                {
                    Model.AddHint(w.Present, _problem.Workers[w.Worker].Id == s.WorkerId);
                }
            }
        }

        var placed = hint.Maintenance.ToDictionary(m => m.TaskId, StringComparer.Ordinal);
        foreach (var m in _maintenance)
        {
            if (!placed.TryGetValue(m.Task.Id, out var p))
            {
                continue;
            }

            Model.AddHint(m.Start, p.Start);
            foreach (var w in m.Workers)
            {
                Model.AddHint(w.Present, _problem.Workers[w.Worker].Id == p.WorkerId);
            }
        }

        Model.AddHint(Makespan!, Math.Min(hint.Makespan, _horizon));
        foreach (var (j, t) in Tardiness)
        {
            var job = _problem.Jobs[j];
            var end = job.Operations.Max(o => byOp.TryGetValue(o.Id, out var s) ? s.End : 0);
            Model.AddHint(t, Math.Max(0, end - job.Due!.Value));
        }
    }

    private void AddFixed(List<IntervalVar> target, long from, long to, long horizon)
    {
        // Windows wholly beyond the horizon cannot matter; clipping keeps the model's numbers small.
        from = Math.Max(from, Math.Min(0, _problem.PlanStart));
        to = Math.Min(to, horizon + 1);
        if (to > from)
        {
            target.Add(Model.NewFixedSizeIntervalVar(from, to - from, $"fixed{target.Count}"));
        }
    }

    private sealed record AltVars(int Machine, long Duration, BoolVar? Present);

    private sealed record WorkerVars(int Worker, long Until, BoolVar Present);

    private sealed record MaintenanceVars(MaintenanceTask Task, IntVar Start, WorkerVars[] Workers);

    private sealed record OpVars(IntVar Start, IntVar End, AltVars[] Alternatives, WorkerVars[]? Workers, IntVar? Duration);
}
