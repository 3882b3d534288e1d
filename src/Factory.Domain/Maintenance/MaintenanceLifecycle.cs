using Factory.Domain.Limits;

namespace Factory.Domain.Maintenance;

/// <summary>
/// The life of a maintenance work order as pure transitions: Requested → Planned (a window the machine is down; it may be
/// planned again while not started) → InProgress (someone started it) → Done (who did it; the time taken is start to
/// finish), or Cancelled before it is done. A refused transition changes nothing and says why.
/// </summary>
public static class MaintenanceLifecycle
{
    /// <summary>At most this many tasks on one order.</summary>
    public const int MaxTasks = 50;

    /// <summary>The longest estimated duration of one maintenance job: 30 days.</summary>
    public static readonly TimeSpan LongestJob = DurationLimits.LongestOperation;

    /// <summary>Every problem with a new order; empty when it may be requested.</summary>
    public static IReadOnlyList<string> Validate(MaintenanceOrder order)
    {
        ArgumentNullException.ThrowIfNull(order);
        var problems = new List<string?>
        {
            TextLimits.CheckId(order.Id, "maintenance order id"),
            TextLimits.CheckId(order.MachineId, "machine id"),
            string.IsNullOrWhiteSpace(order.Reason) ? "a maintenance order needs a reason" : TextLimits.CheckLength(order.Reason, "reason", TextLimits.NameLength),
            TextLimits.CheckLength(order.Skill, "skill", TextLimits.IdLength),
            TextLimits.CheckLength(order.Certification, "certification", TextLimits.IdLength),
            TextLimits.CheckLength(order.SpareParts, "spare parts", TextLimits.NoteLength),
            TextLimits.CheckLength(order.AlarmId, "alarm id", TextLimits.IdLength),
            TextLimits.CheckLength(order.RequestedBy, "requested by", TextLimits.IdLength),
            DurationLimits.CheckSeconds(order.EstimatedDuration.TotalSeconds, "estimated duration", LongestJob),
            Enum.IsDefined(order.Kind) ? null : $"unknown maintenance kind {(int)order.Kind}",
            order.Tasks.IsDefault || order.Tasks.Length <= MaxTasks ? null : $"a maintenance order has at most {MaxTasks} tasks",
            order.DueBy is { } due ? TimeLimits.Check(due, "due by") : null,
            order.DowntimeStart is { } down ? TimeLimits.Check(down, "downtime start") : null,
        };
        if (!order.Tasks.IsDefault)
        {
            problems.AddRange(order.Tasks.Select((t, i) => string.IsNullOrWhiteSpace(t)
                ? $"task {i + 1} is blank"
                : TextLimits.CheckLength(t, $"task {i + 1}", TextLimits.NameLength)));
        }

        return [.. problems.OfType<string>()];
    }

    /// <summary>A new order, Requested at <paramref name="at"/>, or the reasons it cannot be.</summary>
    public static MaintenanceStep Request(MaintenanceOrder draft, DateTimeOffset at)
    {
        var requested = draft with
        {
            Status = MaintenanceStatus.Requested,
            RequestedAt = at,
            Tasks = draft.Tasks.IsDefault ? [] : draft.Tasks,
            Window = null,
            StartedAt = null,
            StartedBy = null,
            FinishedAt = null,
            DoneBy = null,
        };
        return Validate(requested) is { Count: > 0 } problems
            ? new MaintenanceStep(draft, Refusal.Invalid(string.Join("; ", problems)))
            : new MaintenanceStep(requested, null);
    }

    /// <summary>Plans (or re-plans) a Requested or Planned order into <paramref name="window"/>.</summary>
    public static MaintenanceStep Plan(MaintenanceOrder order, MaintenanceWindow window)
    {
        ArgumentNullException.ThrowIfNull(order);
        ArgumentNullException.ThrowIfNull(window);
        if (order.Status is not (MaintenanceStatus.Requested or MaintenanceStatus.Planned))
        {
            return Refused(order, Refusal.Conflict($"maintenance order {order.Id} is {order.Status} and can no longer be planned"));
        }

        if ((TimeLimits.Check(window.Start, "window start") ?? TimeLimits.Check(window.End, "window end")) is { } outOfRange)
        {
            return Refused(order, Refusal.Invalid(outOfRange));
        }

        if (window.End <= window.Start)
        {
            return Refused(order, Refusal.Invalid($"the window ends ({window.End:O}) at or before it starts ({window.Start:O})"));
        }

        if (window.End - window.Start > TimeLimits.LongestPlannedStop)
        {
            return Refused(order, Refusal.Invalid($"a maintenance window lasts at most {TimeLimits.LongestPlannedStop.TotalDays} days"));
        }

        return new MaintenanceStep(order with { Status = MaintenanceStatus.Planned, Window = window }, null);
    }

    /// <summary><paramref name="who"/> starts work on a Requested or Planned order.</summary>
    public static MaintenanceStep Start(MaintenanceOrder order, string who, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(order);
        if (TextLimits.CheckId(who, "who starts it") is { } badWho)
        {
            return Refused(order, Refusal.Invalid(badWho));
        }

        return order.Status is MaintenanceStatus.Requested or MaintenanceStatus.Planned
            ? new MaintenanceStep(order with { Status = MaintenanceStatus.InProgress, StartedAt = at, StartedBy = who }, null)
            : Refused(order, Refusal.Conflict($"maintenance order {order.Id} is {order.Status} and cannot be started"));
    }

    /// <summary><paramref name="who"/> finishes an order in progress; the time taken counts from its start.</summary>
    public static MaintenanceStep Finish(MaintenanceOrder order, string who, string? note, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(order);
        if ((TextLimits.CheckId(who, "who did it") ?? TextLimits.CheckLength(note, "note", TextLimits.NoteLength)) is { } bad)
        {
            return Refused(order, Refusal.Invalid(bad));
        }

        if (order.Status != MaintenanceStatus.InProgress)
        {
            return Refused(order, Refusal.Conflict($"maintenance order {order.Id} is {order.Status}: only an order in progress can be finished"));
        }

        // A finish stamped before the start (a clock step back) would make a negative time taken.
        var finishedAt = order.StartedAt is { } started && at < started ? started : at;
        return new MaintenanceStep(order with { Status = MaintenanceStatus.Done, FinishedAt = finishedAt, DoneBy = who, Note = Trimmed(note) ?? order.Note }, null);
    }

    /// <summary>Cancels an order that is not done yet; a reason is required.</summary>
    public static MaintenanceStep Cancel(MaintenanceOrder order, string? reason, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(order);
        if (string.IsNullOrWhiteSpace(reason) || TextLimits.CheckLength(reason, "reason", TextLimits.NoteLength) is not null)
        {
            return Refused(order, Refusal.Invalid($"cancelling needs a reason of at most {TextLimits.NoteLength} characters"));
        }

        return order.IsClosed
            ? Refused(order, Refusal.Conflict($"maintenance order {order.Id} is already {order.Status}"))
            : new MaintenanceStep(order with { Status = MaintenanceStatus.Cancelled, FinishedAt = at, Note = reason.Trim() }, null);
    }

    private static string? Trimmed(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static MaintenanceStep Refused(MaintenanceOrder order, Refusal refusal) => new(order, refusal);
}
