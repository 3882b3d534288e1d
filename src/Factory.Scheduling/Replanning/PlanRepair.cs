using Factory.Scheduling.Model;
using Factory.Scheduling.Plans;
using Factory.Scheduling.Solvers;

namespace Factory.Scheduling.Replanning;

/// <summary>
/// The plan in force carried into a changed problem with as little change on the floor as the change allows: every
/// operation that can keep its machine and its worker does, in the plan's own order, each at the earliest time its job,
/// machine and worker let it start (so later work moves right where something runs late, and left where something
/// finished early, but nobody is sent elsewhere unless staying would finish the work more than the slack later). Work on a
/// failed machine keeps its place in that order and goes to whichever machine and worker can finish it first then; a
/// manager's pin takes its place at the pin. Only the work that
/// cannot be placed so (new, changed so its machine or worker no longer qualifies, or behind such work in its order) is
/// planned afresh around it.
/// </summary>
/// <remarks>
/// A full re-dispatch re-sequences all unstarted work, so times shift and the people follow them: measured on 100 machines
/// and 1,000 operations, a single failure or assignment changed the worker of 340 to 800 operations. Each changed
/// assignment is a person told to go elsewhere, and an order to update. The repair is the stable candidate the
/// <see cref="Replanner"/> keeps unless the re-dispatch is better by a margin.
/// </remarks>
public static class PlanRepair
{
    /// <summary>
    /// Repairs <paramref name="current"/> for <paramref name="next"/> (started work already frozen, as
    /// <see cref="Replanner.FreezeStarted"/> leaves it). Work on <paramref name="failedMachine"/> moves unless pinned there.
    /// Returns null when the work to plan afresh cannot be placed around what is kept.
    /// </summary>
    /// <param name="next">The changed problem.</param>
    /// <param name="current">The plan in force.</param>
    /// <param name="failedMachine">The machine that failed, or null.</param>
    /// <param name="planning">How the work let go is planned.</param>
    /// <param name="time">The clock the elapsed time is measured on.</param>
    /// <param name="slack">
    /// How much later kept work may finish for staying with its machine and worker (see <see cref="ReplanPolicy.Slack"/>);
    /// null keeps them whatever it costs.
    /// </param>
    public static SolveResult Repair(
        SchedulingProblem next, SchedulePlan current, string? failedMachine, ConstructiveOptions? planning = null, TimeProvider? time = null, long? slack = null)
    {
        ArgumentNullException.ThrowIfNull(next);
        ArgumentNullException.ThrowIfNull(current);
        var clock = time ?? TimeProvider.System;
        var started = clock.GetTimestamp();
        // Maintenance is placed first, as every planner does: production is then kept around its slots.
        var placement = MaintenancePlacement.Of(next);
        var problem = placement.Problem;
        var index = new ProblemIndex(problem);
        var kept = Keep(index, current, failedMachine, slack);
        var withKept = problem with { Frozen = [.. problem.Frozen, .. kept] };
        // What moves is planned by the same constructive planner, with the kept work held like started work (all of it
        // kept leaves the planner nothing to choose, which it sees at once).
        var result = new ConstructivePlanner(planning ?? ConstructiveOptions.Replan, clock).Solve(withKept, current);
        if (result.Plan is not { } repaired)
        {
            return result with { Elapsed = clock.GetElapsedTime(started) };
        }

        var carried = placement.Carry(repaired);
        return new SolveResult(SolveStatus.Feasible, carried, ObjectiveValues.Of(next, carried), null, clock.GetElapsedTime(started), "plan repair");
    }

    /// <summary>
    /// The operations of <paramref name="current"/> that keep their machine and worker, placed in the plan's start order at
    /// the earliest time free on both (first fit, so a gap left by work that ended early is used). An operation a manager
    /// pinned elsewhere (or that the plan lacks) takes its place in that order at its pin and its not-before, ahead of the
    /// work it was moved in front of: the manager's word comes first, the kept work fits around it. Work on the failed
    /// machine is placed at its turn on the machine and worker that finish it first. An operation is let go, with the rest of its
    /// order, when it is new, its machine or worker no longer qualifies, or no time is left in its worker's shifts and
    /// certification.
    /// </summary>
    private static List<FrozenOperation> Keep(ProblemIndex index, SchedulePlan current, string? failedMachine, long? slack)
    {
        var problem = index.Problem;
        var placed = new bool[index.Operations.Count];
        var jobEnd = new long[problem.Jobs.Count];
        foreach (var f in index.Frozen.Values)
        {
            var info = index.Operations[index.OperationIndex[f.OperationId]];
            placed[info.Index] = true;
            jobEnd[info.JobIndex] = Math.Max(jobEnd[info.JobIndex], f.End);
        }

        var calendars = new ResourceCalendars(index);
        var machineTime = calendars.Machines();
        var workerTime = calendars.Workers();
        var letGo = new bool[problem.Jobs.Count];
        var kept = new List<FrozenOperation>();
        // Stable: among equal times an order's operations stay in their sequence.
        foreach (var e in Sequence(index, current, failedMachine, placed).OrderBy(e => e.Key).ThenBy(e => e.Yields).ThenBy(e => e.Info.Position))
        {
            var info = e.Info;
            // Within an order, kept work is what comes before anything that moves: the work after it waits for it.
            var ready = info.Position == 0 || placed[info.Index - 1];
            if (letGo[info.JobIndex] || !ready || Place(index, e, machineTime, workerTime, jobEnd[info.JobIndex], slack) is not { } at)
            {
                letGo[info.JobIndex] = true;
                continue;
            }

            placed[info.Index] = true;
            jobEnd[info.JobIndex] = at.End;
            kept.Add(at);
        }

        return kept;
    }

    /// <summary>
    /// What is to be kept, in each order up to the first operation that cannot be (the rest of the order is planned
    /// afresh): a planned operation where the plan has it, a pinned one where its pin puts it. Each is keyed by when the
    /// plan (or the pin's not-before) starts it, never before the key of the operation ahead of it in its order.
    /// </summary>
    private static List<KeptEntry> Sequence(ProblemIndex index, SchedulePlan current, string? failedMachine, bool[] placed)
    {
        var planned = current.Operations.ToDictionary(s => s.OperationId, StringComparer.Ordinal);
        var entries = new List<KeptEntry>();
        foreach (var job in index.Operations.GroupBy(o => o.JobIndex))
        {
            var key = long.MinValue;
            var yields = false;
            foreach (var info in job.OrderBy(o => o.Position))
            {
                if (placed[info.Index])
                {
                    continue;
                }

                var id = info.Operation.Id;
                var pin = index.Pinned.GetValueOrDefault(id);
                planned.TryGetValue(id, out var s);
                // Work on the failed machine keeps its place in the order and takes whichever machine and worker can finish it
                // first then (its own, after the repair, among them), so the rest of its order keeps its assignments.
                KeptEntry? entry = pin is not null && (s is null || s.MachineId != pin.MachineId || (pin.WorkerId is not null && pin.WorkerId != s.WorkerId))
                    ? new KeptEntry(info, pin.MachineId, false, pin.WorkerId ?? s?.WorkerId, pin.WorkerId is null, index.EarliestStart(info))
                    : s is null ? null
                    : pin is null && s.MachineId == failedMachine ? new KeptEntry(info, s.MachineId, true, s.WorkerId, true, s.Start)
                    : new KeptEntry(info, s.MachineId, false, s.WorkerId, false, s.Start) { MayMove = pin is null };
                if (entry is null)
                {
                    break; // new: this and the rest of the order are planned afresh
                }

                key = Math.Max(key, entry.Key);
                yields |= entry.AnyMachine;
                entries.Add(entry with { Key = key, Yields = yields });
            }
        }

        return entries;
    }

    /// <summary>
    /// Where <paramref name="e"/> runs, reserved on its machine and worker: the ones it names, or (where it may choose)
    /// whichever can finish it first, the named one winning a tie. With a <paramref name="slack"/>, kept work that is not
    /// pinned stays with its machine and worker only while that finishes it at most the slack later than the earliest
    /// choice (the dispatcher's own rule): a worker pushed past the end of a shift hands the work on instead of carrying it
    /// into the next one. Null when it cannot run.
    /// </summary>
    private static FrozenOperation? Place(ProblemIndex index, KeptEntry e, Timeline[] machines, Timeline[] workers, long after, long? slack)
    {
        var info = e.Info;
        var from = Math.Max(index.EarliestStart(info), after);
        var qualified = index.QualifiedWorkers(info);
        if (qualified is null && e.WorkerId is not null && !e.AnyWorker)
        {
            return null; // the operation takes nobody any more: planned afresh
        }

        var named = e.WorkerId is null ? -1 : index.WorkerIndex.GetValueOrDefault(e.WorkerId, -1);
        var free = slack is not null && e.MayMove;
        // An operation that takes nobody has one "worker": none (-1). Its own worker is tried first (a tie goes to them), then
        // the others in their order: the shared list is walked in that order, not copied (#20: most of a 1,000-machine site's
        // operations are kept, each with dozens of qualified people).
        (int Worker, long Until)[] candidates = qualified ?? [(-1, Timeline.Never)];
        var first = qualified is null ? -1 : Array.FindIndex(qualified, q => q.Worker == named);
        // Where it may choose, the soonest each worker could start it on any machine: pairs that cannot end before the best so
        // far are skipped without searching both timelines (a large site offers hundreds of machines times dozens of people).
        var choosing = free || e.AnyMachine || e.AnyWorker;
        var listed = index.Listed(info);
        var soonest = choosing && qualified is not null ? Soonest(candidates, workers, from, listed.Min(a => a.Duration)) : null;
        (long End, int Machine, int Worker, long Duration) best = (Timeline.Never, -1, -1, 0), stay = best;
        // No pair starts before the soonest of the workers it may take is free: a machine whose work cannot end before the
        // best so far even from then is passed over without a look at its timeline or its workers (#20: at 5,000 machines each
        // operation handed on offered a thousand machines times two hundred people).
        var floor = soonest is null ? from
            : e.AnyWorker || free ? Math.Max(from, soonest.Min())
            : first >= 0 ? Math.Max(from, soonest[first]) : Timeline.Never;
        // Its own machine is tried first (a tie goes to it), then the others in the operation's order.
        var itsIndex = index.MachineIndex.GetValueOrDefault(e.MachineId, -1);
        var own = Array.FindIndex(listed, a => a.Machine == itsIndex);
        for (var k = own >= 0 ? -1 : 0; k < listed.Length; k++)
        {
            if (k == own)
            {
                continue;
            }

            var (m, length) = listed[k < 0 ? own : k];
            var itsMachine = k < 0;
            if (!itsMachine && !e.AnyMachine && !free)
            {
                break; // bound to its machine: no other is of use
            }

            if (!itsMachine && floor + length >= best.End)
            {
                continue;
            }

            // The machine alone bounds the start: only a later pair can find a fit, and one that cannot end before the best
            // is of no use unless it is the stay.
            var machineFrom = machines[m].EarliestFit(from, length);
            if (!itsMachine && machineFrom + length >= best.End)
            {
                continue;
            }

            for (var i = 0; i < candidates.Length; i++)
            {
                var c = FirstThenRest.At(i, first);
                var (w, until) = candidates[c];
                var itsWorker = qualified is null || w == named;
                if (!itsWorker && !e.AnyWorker && !free)
                {
                    continue; // nobody, or somebody no longer qualified or certified for it
                }

                if (!(itsMachine && itsWorker) && Math.Max(machineFrom, soonest?[c] ?? machineFrom) + length >= best.End)
                {
                    continue;
                }

                var start = w < 0
                    ? machineFrom
                    : Timeline.FitBoth(machines[m], workers[w], machineFrom, length, until - length);
                if (start >= Timeline.Never)
                {
                    continue;
                }

                var end = start + length;
                if (end < best.End)
                {
                    best = (end, m, w, length);
                }

                if (itsMachine && itsWorker && end < stay.End)
                {
                    stay = (end, m, w, length);
                }
            }
        }

        var (at, machine, worker, duration) = free && !(stay.End <= best.End + slack!.Value) ? best : stay.Machine >= 0 && !e.AnyMachine && !e.AnyWorker ? stay : best;
        if (machine < 0)
        {
            return null;
        }

        var startAt = at - duration;
        machines[machine].Reserve(startAt, at);
        if (worker >= 0)
        {
            workers[worker].Reserve(startAt, at);
        }

        var problem = index.Problem;
        return new FrozenOperation(info.Operation.Id, problem.Machines[machine].Id, worker < 0 ? null : problem.Workers[worker].Id, startAt, at);
    }

    private static long[] Soonest((int Worker, long Until)[] candidates, Timeline[] workers, long from, long shortest) =>
        Array.ConvertAll(candidates, c => workers[c.Worker].EarliestFit(from, shortest));

    /// <summary>
    /// An operation to keep: on which machine (or any it may run on), with whom (or anyone qualified), keyed by when it comes.
    /// </summary>
    private sealed record KeptEntry(OperationInfo Info, string MachineId, bool AnyMachine, string? WorkerId, bool AnyWorker, long Key)
    {
        /// <summary>
        /// It, or work ahead of it in its order, changes machine: at an equal time, work that stays where it was goes first
        /// (whoever is already at a machine is not bumped by a newcomer planned for the same moment). True from the first
        /// such operation of an order on, so an order's sequence is kept.
        /// </summary>
        public bool Yields { get; init; }

        /// <summary>Not pinned: it may go to another machine or worker when staying costs more than the slack.</summary>
        public bool MayMove { get; init; }
    }
}
