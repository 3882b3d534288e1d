using Factory.Contracts.Scenarios;
using Factory.Scheduling.Scenarios;

namespace Factory.Grains.Dispatch;

/// <summary>Turns a scenario request in plant terms (machines, workers, work orders, instants) into the scheduling model's changes.</summary>
internal static class ScenarioTranslation
{
    /// <summary>
    /// The scenario for <paramref name="live"/>, with notes on changes that cannot matter (a worker who is not clocked in),
    /// or the errors that refuse it.
    /// </summary>
    public static (Scenario? Scenario, ImmutableArray<string> Notes, ImmutableArray<string> Errors) Translate(
        ScenarioSpec spec, LiveProblem live, DateTimeOffset now, IReadOnlyDictionary<string, DateTimeOffset> failedUntil)
    {
        var model = live.Model;
        var changes = new List<ScenarioChange>();
        var notes = ImmutableArray.CreateBuilder<string>();
        var errors = ImmutableArray.CreateBuilder<string>();
        var machines = live.Picture.Machines.Select(m => m.Id).ToHashSet(StringComparer.Ordinal);
        var workers = live.Picture.Workers.ToDictionary(w => w.Id, StringComparer.Ordinal);
        var planned = live.Problem.Workers.Select(w => w.Id).ToHashSet(StringComparer.Ordinal);
        var jobs = live.Problem.Jobs.Select(j => j.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var c in spec.Changes)
        {
            switch (c.Kind)
            {
                case ScenarioChangeKind.MachineDown when c.MachineId is { } m && c.From is { } from && c.To is { } to:
                    if (machines.Contains(m))
                    {
                        changes.Add(new MachineDown(m, model.Seconds(from), model.Seconds(to)));
                    }
                    else
                    {
                        errors.Add($"machine '{m}' is not at this site");
                    }

                    break;
                case ScenarioChangeKind.WorkerAbsent when c.WorkerId is { } w && c.From is { } from && c.To is { } to:
                    if (!workers.ContainsKey(w))
                    {
                        errors.Add($"worker '{w}' is not at this site");
                    }
                    else if (!planned.Contains(w))
                    {
                        notes.Add($"worker '{w}' is not clocked in: the live plan does not count on them, so their absence changes nothing");
                    }
                    else
                    {
                        changes.Add(new WorkerAbsent(w, model.Seconds(from), model.Seconds(to)));
                    }

                    break;
                case ScenarioChangeKind.RushOrder when c.RushOrder is { } order:
                    if (live.Picture.WorkOrders.Any(o => o.Id == order.Id))
                    {
                        errors.Add($"work order '{order.Id}' exists; a rush order needs a new id");
                        break;
                    }

                    // The rush order goes through the same translation as every live work order (capable machines, durations).
                    var alone = live.Picture with { WorkOrders = [order.ToWorkOrder().ToView(0, now)] };
                    var (rush, unplannable) = model.Build(alone, now, failedUntil, new HashSet<string>());
                    if (!unplannable.IsEmpty)
                    {
                        errors.AddRange(unplannable.Select(u => $"rush order cannot be planned: {u}"));
                    }
                    else if (rush.Jobs.SingleOrDefault() is { } job)
                    {
                        changes.Add(new RushOrder(job));
                    }

                    break;
                case ScenarioChangeKind.DueDate when c.WorkOrderId is { } id && c.DueDate is { } due:
                    if (Open(id, jobs, errors))
                    {
                        changes.Add(new DueDateChange(id, model.Seconds(due)));
                    }

                    break;
                case ScenarioChangeKind.Priority when c.WorkOrderId is { } id && c.Priority is { } priority:
                    if (Open(id, jobs, errors))
                    {
                        changes.Add(new PriorityChange(id, priority));
                    }

                    break;
                case ScenarioChangeKind.Overtime when c.From is { } from && c.To is { } to:
                    var named = c.WorkerIds.IsDefault ? [] : c.WorkerIds;
                    errors.AddRange(named.Where(w => !workers.ContainsKey(w)).Select(w => $"worker '{w}' is not at this site"));
                    if (live.Problem.Workers.All(w => w.Shifts is null))
                    {
                        notes.Add("overtime changes nothing here: the plan already lets clocked-in workers work round the clock");
                    }

                    changes.Add(new OvertimeAllowed(model.Seconds(from), model.Seconds(to), [.. named.Where(planned.Contains)]));
                    break;
                default:
                    errors.Add($"a {c.Kind} change is missing its fields");
                    break;
            }
        }

        if (errors.Count > 0)
        {
            return (null, notes.ToImmutable(), errors.ToImmutable());
        }

        var scenario = new Scenario(changes);
        errors.AddRange(scenario.Check(live.Problem));
        return errors.Count > 0 ? (null, notes.ToImmutable(), errors.ToImmutable()) : (scenario, notes.ToImmutable(), []);
    }

    private static bool Open(string workOrderId, HashSet<string> jobs, ImmutableArray<string>.Builder errors)
    {
        if (jobs.Contains(workOrderId))
        {
            return true;
        }

        errors.Add($"work order '{workOrderId}' is not open at this site (unknown, done or unplannable)");
        return false;
    }
}
