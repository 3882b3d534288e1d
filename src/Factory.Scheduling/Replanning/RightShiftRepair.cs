using Factory.Scheduling.Model;
using Factory.Scheduling.Plans;
using Factory.Scheduling.Solvers;

namespace Factory.Scheduling.Replanning;

/// <summary>
/// The usual manual repair, kept as a baseline: every machine and worker keeps its sequence and assignments,
/// the interrupted operation restarts on its machine after the repair, and everything after it is pushed later.
/// </summary>
public static class RightShiftRepair
{
    /// <summary>Repairs <paramref name="current"/> after <paramref name="failure"/>. The result's problem pins the interrupted operation to its machine.</summary>
    public static ReplanResult Repair(SchedulingProblem problem, SchedulePlan current, MachineFailure failure, TimeProvider? time = null)
    {
        var clock = time ?? TimeProvider.System;
        var started = clock.GetTimestamp();
        var (next, interrupted) = Replanner.PrepareFailure(problem, current, failure, ReplanPolicy.AlwaysWait);
        var index = new ProblemIndex(next);
        // Maintenance not yet started is placed again first (its old slot may now lie in the failure window); production
        // is then shifted around it like around any other machine-down time.
        var placement = MaintenancePlacement.Of(next);
        var machineBusy = placement.Problem.Machines.ToDictionary(m => m.Id, m => new Timeline(m.Unavailable), StringComparer.Ordinal);
        var workerBusy = placement.Problem.Workers.ToDictionary(w => w.Id, w => Timeline.OffShift(w.Shifts, []), StringComparer.Ordinal);
        var jobEnd = new Dictionary<string, long>(StringComparer.Ordinal);
        var machineEnd = new Dictionary<string, long>(StringComparer.Ordinal);
        var workerEnd = new Dictionary<string, long>(StringComparer.Ordinal);
        var repaired = new List<ScheduledOperation>(current.Operations.Count);

        // Original start order respects every job, machine and worker sequence, so one pass suffices.
        foreach (var s in current.Operations.Where(s => index.OperationIndex.ContainsKey(s.OperationId)).OrderBy(s => s.Start).ThenBy(s => s.End))
        {
            ScheduledOperation placed;
            if (index.Frozen.TryGetValue(s.OperationId, out var f))
            {
                placed = s with { MachineId = f.MachineId, WorkerId = f.WorkerId, Start = f.Start, End = f.End };
            }
            else
            {
                var info = index.Operations[index.OperationIndex[s.OperationId]];
                var duration = s.End - s.Start;
                var from = Math.Max(Math.Max(s.Start, next.PlanStart), info.Job.Release);
                from = Math.Max(from, jobEnd.GetValueOrDefault(s.JobId, long.MinValue));
                from = Math.Max(from, machineEnd.GetValueOrDefault(s.MachineId, long.MinValue));
                if (s.WorkerId is not null)
                {
                    from = Math.Max(from, workerEnd.GetValueOrDefault(s.WorkerId, long.MinValue));
                }

                // An operation on a machine or with a worker the problem no longer has is shifted only by its sequences.
                var machine = machineBusy.GetValueOrDefault(s.MachineId) ?? new Timeline([]);
                var worker = (s.WorkerId is null ? null : workerBusy.GetValueOrDefault(s.WorkerId)) ?? new Timeline([]);
                var start = Timeline.FitBoth(machine, worker, from, duration, Timeline.Never);
                placed = s with { Start = start, End = start + duration };
            }

            repaired.Add(placed);
            jobEnd[placed.JobId] = Math.Max(jobEnd.GetValueOrDefault(placed.JobId, long.MinValue), placed.End);
            machineEnd[placed.MachineId] = Math.Max(machineEnd.GetValueOrDefault(placed.MachineId, long.MinValue), placed.End);
            if (placed.WorkerId is not null)
            {
                workerEnd[placed.WorkerId] = Math.Max(workerEnd.GetValueOrDefault(placed.WorkerId, long.MinValue), placed.End);
            }
        }

        var plan = placement.Carry(new SchedulePlan(repaired));
        var result = new SolveResult(SolveStatus.Feasible, plan, ObjectiveValues.Of(next, plan), null, clock.GetElapsedTime(started), "right-shift repair");
        return new ReplanResult(next, result, Replanner.Diff(current, plan), interrupted);
    }
}
