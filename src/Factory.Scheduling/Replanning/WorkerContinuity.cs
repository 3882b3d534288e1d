using Factory.Scheduling.Model;
using Factory.Scheduling.Plans;

namespace Factory.Scheduling.Replanning;

/// <summary>
/// Gives work back to the person who had it. A re-plan decides machines and times; among the many equally good ways to
/// staff those times, the planner's choice of worker is often another one than before, only because it met another
/// candidate first. Every such change sends a person elsewhere and an order a new plan. This pass keeps the re-plan's
/// machines and times (so its objective, which does not depend on who works, is the same) and hands each operation back
/// to its previous worker wherever that person is qualified, certified to its end, on shift and free then: on their own,
/// or by swapping with the one operation that holds them.
/// </summary>
public static class WorkerContinuity
{
    /// <summary>How often the operations are gone through: a worker freed by one hand-back can take another.</summary>
    private const int Passes = 3;

    /// <summary>
    /// <paramref name="plan"/> with as many operations as it can find back on their worker of <paramref name="previous"/>;
    /// frozen operations and operations pinned to a worker keep theirs. The same instance when nothing could be handed back.
    /// </summary>
    public static SchedulePlan Restore(SchedulingProblem problem, SchedulePlan plan, SchedulePlan previous)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(previous);
        var index = new ProblemIndex(problem);
        var was = previous.ByOperation();
        var operations = plan.Operations.ToArray();
        var bookings = new Bookings(operations, plan.Maintenance);
        var changed = false;
        for (var pass = 0; pass < Passes; pass++)
        {
            var handedBack = false;
            for (var i = 0; i < operations.Length; i++)
            {
                var s = operations[i];
                if (PreviousWorker(index, was, s) is not { } worker)
                {
                    continue;
                }

                if (bookings.Free(worker, s.Start, s.End, exceptOperation: null))
                {
                    bookings.Move(i, s.WorkerId!, worker);
                    operations[i] = s with { WorkerId = worker };
                    handedBack = true;
                }
                else if (bookings.OnlyHolder(worker, s.Start, s.End) is { } other && Swaps(index, was, operations, bookings, i, other))
                {
                    var o = operations[other];
                    bookings.Move(i, s.WorkerId!, worker);
                    bookings.Move(other, worker, s.WorkerId!);
                    operations[other] = o with { WorkerId = s.WorkerId };
                    operations[i] = s with { WorkerId = worker };
                    handedBack = true;
                }
            }

            changed |= handedBack;
            if (!handedBack)
            {
                break;
            }
        }

        return changed ? plan with { Operations = operations } : plan;
    }

    /// <summary>The worker <paramref name="s"/> had before, when it may go back to them at its planned time; else null.</summary>
    private static string? PreviousWorker(ProblemIndex index, IReadOnlyDictionary<string, ScheduledOperation> was, ScheduledOperation s) =>
        s.WorkerId is not null && was.TryGetValue(s.OperationId, out var before) && before.WorkerId is { } worker &&
        worker != s.WorkerId && Movable(index, s) && CanDo(index, worker, s)
            ? worker
            : null;

    // Frozen work has happened; a worker a manager or the floor pinned is not the planner's to change.
    private static bool Movable(ProblemIndex index, ScheduledOperation s) =>
        !index.Frozen.ContainsKey(s.OperationId) && !(index.Pinned.TryGetValue(s.OperationId, out var pin) && pin.WorkerId is not null) &&
        index.OperationIndex.ContainsKey(s.OperationId);

    /// <summary>Whether <paramref name="workerId"/> may work <paramref name="s"/> at its planned time (not whether they are free then).</summary>
    private static bool CanDo(ProblemIndex index, string workerId, ScheduledOperation s)
    {
        if (!index.WorkerIndex.TryGetValue(workerId, out var w))
        {
            return false;
        }

        var worker = index.Problem.Workers[w];
        var op = index.Operations[index.OperationIndex[s.OperationId]].Operation;
        if (op.NeedsWorker && !(worker.CertifiedUntil(op) is { } until && s.End <= until))
        {
            return false;
        }

        return worker.Shifts is not { } shifts || s.End <= s.Start || ProblemIndex.Merge(shifts).Any(x => x.Contains(s.Start, s.End));
    }

    /// <summary>
    /// Whether <paramref name="i"/> and <paramref name="other"/> (which holds <paramref name="i"/>'s previous worker when it is
    /// due) may trade workers, and the trade leaves fewer operations on another worker than before.
    /// </summary>
    private static bool Swaps(ProblemIndex index, IReadOnlyDictionary<string, ScheduledOperation> was, ScheduledOperation[] operations, Bookings bookings, int i, int other)
    {
        var s = operations[i];
        var o = operations[other];
        if (!Movable(index, o) || o.WorkerId is null || !CanDo(index, s.WorkerId!, o) ||
            !bookings.Free(s.WorkerId!, o.Start, o.End, exceptOperation: i))
        {
            return false;
        }

        // s goes back (one change fewer); o trades its worker for s's: one more change unless that was o's before too.
        var oBefore = was.TryGetValue(o.OperationId, out var b) ? b.WorkerId : null;
        var oChangesNow = oBefore is not null && oBefore != o.WorkerId;
        var oChangesAfter = oBefore is not null && oBefore != s.WorkerId;
        return 1 + (oChangesNow ? 1 : 0) - (oChangesAfter ? 1 : 0) > 0;
    }

    /// <summary>What holds each worker when: the plan's operations (by position) and its placed maintenance.</summary>
    private sealed class Bookings
    {
        // Maintenance is held by no operation of the plan: it never moves and is nobody's to trade.
        private const int Maintenance = -1;

        private readonly Dictionary<string, List<(long Start, long End, int Operation)>> _byWorker = new(StringComparer.Ordinal);

        public Bookings(IReadOnlyList<ScheduledOperation> operations, IReadOnlyList<ScheduledMaintenance> maintenance)
        {
            for (var i = 0; i < operations.Count; i++)
            {
                if (operations[i].WorkerId is { } worker)
                {
                    Of(worker).Add((operations[i].Start, operations[i].End, i));
                }
            }

            foreach (var m in maintenance)
            {
                if (m.WorkerId is { } worker)
                {
                    Of(worker).Add((m.Start, m.End, Maintenance));
                }
            }
        }

        /// <summary>Whether nothing (but the operation <paramref name="exceptOperation"/>, when given) holds <paramref name="worker"/> within [start, end).</summary>
        public bool Free(string worker, long start, long end, int? exceptOperation) =>
            !Of(worker).Any(b => b.Operation != exceptOperation && Overlap(b, start, end));

        /// <summary>The one operation that holds <paramref name="worker"/> within [start, end), or null (none, several, or maintenance).</summary>
        public int? OnlyHolder(string worker, long start, long end)
        {
            int? holder = null;
            foreach (var b in Of(worker))
            {
                if (!Overlap(b, start, end))
                {
                    continue;
                }

                if (holder is not null || b.Operation == Maintenance)
                {
                    return null;
                }

                holder = b.Operation;
            }

            return holder;
        }

        public void Move(int operation, string from, string to)
        {
            var list = Of(from);
            var at = list.FindIndex(b => b.Operation == operation);
            var booking = list[at];
            list.RemoveAt(at);
            Of(to).Add(booking);
        }

        // Zero-length work holds nobody (the plan checker ignores it too).
        private static bool Overlap((long Start, long End, int Operation) b, long start, long end) =>
            b.End > b.Start && end > start && b.Start < end && start < b.End;

        private List<(long Start, long End, int Operation)> Of(string worker) =>
            _byWorker.TryGetValue(worker, out var list) ? list : _byWorker[worker] = [];
    }
}
