using Factory.Scheduling.Model;

namespace Factory.Scheduling.Scenarios;

/// <summary>A what-if: changes applied, in order, to a copy of a problem. The problem itself is never touched.</summary>
/// <param name="Changes">What is different in the scenario.</param>
public sealed record Scenario(IReadOnlyList<ScenarioChange> Changes)
{
    /// <summary>Why the changes do not fit <paramref name="problem"/> (unknown machines, workers or jobs, empty windows, clashing ids); empty when they do.</summary>
    public IReadOnlyList<string> Check(SchedulingProblem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        var errors = new List<string>();
        var machines = problem.Machines.Select(m => m.Id).ToHashSet(StringComparer.Ordinal);
        var workers = problem.Workers.Select(w => w.Id).ToHashSet(StringComparer.Ordinal);
        var jobs = problem.Jobs.Select(j => j.Id).ToHashSet(StringComparer.Ordinal);
        var operations = problem.Jobs.SelectMany(j => j.Operations).Select(o => o.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var change in Changes)
        {
            switch (change)
            {
                case MachineDown d:
                    Known(machines, d.MachineId, "machine", errors);
                    Window(d.From, d.To, $"machine '{d.MachineId}' down", errors);
                    break;
                case WorkerAbsent a:
                    Known(workers, a.WorkerId, "worker", errors);
                    Window(a.From, a.To, $"worker '{a.WorkerId}' absent", errors);
                    break;
                case RushOrder r:
                    if (!jobs.Add(r.Job.Id))
                    {
                        errors.Add($"rush order '{r.Job.Id}': a job with this id exists");
                    }

                    if (r.Job.Operations.Count == 0)
                    {
                        errors.Add($"rush order '{r.Job.Id}' has no operation");
                    }

                    errors.AddRange(r.Job.Operations.Where(o => !operations.Add(o.Id)).Select(o => $"rush order '{r.Job.Id}': operation id '{o.Id}' exists"));
                    errors.AddRange(r.Job.Operations.SelectMany(o => o.Alternatives).Where(a => !machines.Contains(a.MachineId))
                        .Select(a => $"rush order '{r.Job.Id}': unknown machine '{a.MachineId}'"));
                    break;
                case DueDateChange c:
                    Known(jobs, c.JobId, "job", errors);
                    break;
                case PriorityChange p:
                    Known(jobs, p.JobId, "job", errors);
                    if (p.Weight < 1)
                    {
                        errors.Add($"job '{p.JobId}': priority must be at least 1");
                    }

                    break;
                case OvertimeAllowed o:
                    Window(o.From, o.To, "overtime", errors);
                    foreach (var id in o.WorkerIds)
                    {
                        Known(workers, id, "worker", errors);
                    }

                    break;
                default:
                    errors.Add($"unknown change {change.GetType().Name}");
                    break;
            }
        }

        return errors;
    }

    /// <summary>
    /// The problem with every change applied. Frozen (running) work a change takes away — on a machine that goes down or by
    /// a worker who is away while it runs — is no longer frozen: the scenario re-plans it like work a failure interrupted.
    /// Throws <see cref="ArgumentException"/> when <see cref="Check"/> finds a problem.
    /// </summary>
    public SchedulingProblem Apply(SchedulingProblem problem)
    {
        var errors = Check(problem);
        if (errors.Count > 0)
        {
            throw new ArgumentException("The scenario does not fit the problem: " + string.Join("; ", errors), nameof(problem));
        }

        var next = problem;
        foreach (var change in Changes)
        {
            next = change switch
            {
                MachineDown d => Interrupt(next.WithUnavailability(d.MachineId, new TimeWindow(d.From, d.To)),
                    f => f.MachineId == d.MachineId && f.Start < d.To && d.From < f.End),
                WorkerAbsent a => Interrupt(next with
                {
                    Workers = [.. next.Workers.Select(w => w.Id == a.WorkerId ? w.OffDuring(a.From, a.To) : w)],
                }, f => f.WorkerId == a.WorkerId && f.Start < a.To && a.From < f.End),
                RushOrder r => next with { Jobs = [.. next.Jobs, r.Job] },
                DueDateChange c => next with { Jobs = [.. next.Jobs.Select(j => j.Id == c.JobId ? j with { Due = c.Due } : j)] },
                PriorityChange p => next with { Jobs = [.. next.Jobs.Select(j => j.Id == p.JobId ? j with { Weight = p.Weight } : j)] },
                OvertimeAllowed o => next with
                {
                    Workers = [.. next.Workers.Select(w => w.Shifts is not null && (o.WorkerIds.Count == 0 || o.WorkerIds.Contains(w.Id))
                        ? w with { Shifts = [.. w.Shifts, new TimeWindow(o.From, o.To)] }
                        : w)],
                },
                _ => throw new ArgumentException($"unknown change {change.GetType().Name}", nameof(problem)),
            };
        }

        return next;
    }

    private static SchedulingProblem Interrupt(SchedulingProblem problem, Func<FrozenOperation, bool> takenAway)
    {
        var interrupted = problem.Frozen.Where(takenAway).Select(f => f.OperationId).ToHashSet(StringComparer.Ordinal);
        if (interrupted.Count == 0)
        {
            return problem;
        }

        // Work after an interrupted operation cannot have started yet in a real plant, but stay safe: it follows its predecessor.
        return problem with
        {
            Frozen = [.. problem.Frozen.Where(f => !interrupted.Contains(f.OperationId))],
            Pinned = [.. problem.Pinned.Where(p => !interrupted.Contains(p.OperationId))],
        };
    }

    private static void Known(HashSet<string> ids, string id, string what, List<string> errors)
    {
        if (!ids.Contains(id))
        {
            errors.Add($"unknown {what} '{id}'");
        }
    }

    private static void Window(long from, long to, string what, List<string> errors)
    {
        if (to <= from)
        {
            errors.Add($"{what}: the end must come after the start");
        }
    }
}
