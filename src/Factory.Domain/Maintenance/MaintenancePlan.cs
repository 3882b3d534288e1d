using Factory.Domain.Limits;

namespace Factory.Domain.Maintenance;

/// <summary>
/// Preventive maintenance for one machine: every <paramref name="Interval"/> run hours, cycles or calendar days, counted from
/// <paramref name="AnchorAt"/> (when the plan was made, then when its last order was done), or on a <paramref name="Condition"/>
/// on a tag that held for <paramref name="Interval"/> minutes since the anchor. A plan due creates a preventive order with its
/// reason, tasks and skill, due <paramref name="DueWithin"/> after it fell due.
/// </summary>
/// <param name="OpenOrderId">The preventive order the plan created and that is not closed yet: no second one while it is open.</param>
/// <param name="Condition">The tag condition of a <see cref="MaintenanceTrigger.Condition"/> plan (its duration is the interval in minutes); null otherwise.</param>
public sealed record MaintenancePlan(
    string Id,
    string MachineId,
    string Title,
    MaintenanceTrigger Trigger,
    double Interval,
    ImmutableArray<string> Tasks,
    string? Skill,
    TimeSpan EstimatedDuration,
    TimeSpan DueWithin,
    DateTimeOffset AnchorAt,
    string? OpenOrderId = null,
    TagCondition? Condition = null)
{
    /// <summary>The largest interval a plan accepts, in any unit.</summary>
    public const double LargestInterval = 1_000_000_000;

    /// <summary>
    /// Where the plan stands at <paramref name="now"/>, given the machine's <paramref name="usage"/> since <see cref="AnchorAt"/>
    /// and, for a condition plan, where its <paramref name="condition"/> stands since then (not held when unknown).
    /// </summary>
    public MaintenanceDue DueAt(MachineUsage usage, DateTimeOffset now, TagConditionState? condition = null)
    {
        ArgumentNullException.ThrowIfNull(usage);
        if (Trigger == MaintenanceTrigger.Condition)
        {
            // Minutes held in the run that counts; it falls due when that run has lasted the condition's duration.
            var state = condition ?? TagConditionState.NotHeld;
            var held = state.HeldFor.TotalMinutes;
            return new MaintenanceDue(state.Held, held, state.Held ? 0 : Math.Max(0, Interval - held),
                !state.Held && state.Since is { } since && Condition is { } c ? since + c.For : null);
        }

        var used = Trigger switch
        {
            MaintenanceTrigger.RunHours => usage.RunTime.TotalHours,
            MaintenanceTrigger.Cycles => usage.Cycles,
            _ => Math.Max(0, (now - AnchorAt).TotalDays),
        };
        DateTimeOffset? next = Trigger == MaintenanceTrigger.CalendarDays ? AnchorAt + TimeSpan.FromDays(Interval) : null;

        // Calendar plans compare instants, not day fractions, so they fall due exactly at the anchor plus the interval.
        var due = next is { } at ? now >= at : used >= Interval;
        return new MaintenanceDue(due, used, due ? 0 : Interval - used, next);
    }

    /// <summary>The preventive order the plan creates when it falls due at <paramref name="at"/>.</summary>
    public MaintenanceOrder OrderFor(string orderId, DateTimeOffset at) => new(
        orderId, MachineId, MaintenanceKind.Preventive, Title, Tasks.IsDefault ? [] : Tasks, Skill, null, EstimatedDuration, null,
        MaintenanceStatus.Requested, at, $"plan:{Id}", PlanId: Id, DueBy: at + DueWithin);

    /// <summary>Every problem with the plan; empty when it is valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string?>
        {
            TextLimits.CheckId(Id, "maintenance plan id"),
            TextLimits.CheckId(MachineId, "machine id"),
            string.IsNullOrWhiteSpace(Title) ? "a maintenance plan needs a title" : TextLimits.CheckLength(Title, "title", TextLimits.NameLength),
            TextLimits.CheckLength(Skill, "skill", TextLimits.IdLength),
            Enum.IsDefined(Trigger) ? null : $"unknown maintenance trigger {(int)Trigger}",
            double.IsFinite(Interval) && Interval > 0 && Interval <= LargestInterval
                ? null
                : $"a plan's interval must be above 0 and at most {LargestInterval:0}",
            Trigger == MaintenanceTrigger.CalendarDays && Interval > TimeLimits.LongestPlannedStop.TotalDays * 10
                ? $"a calendar plan repeats at most every {TimeLimits.LongestPlannedStop.TotalDays * 10} days"
                : null,
            DurationLimits.CheckSeconds(EstimatedDuration.TotalSeconds, "estimated duration", MaintenanceLifecycle.LongestJob),
            DurationLimits.CheckSeconds(DueWithin.TotalSeconds, "due within", TimeLimits.LongestPlannedStop),
            TimeLimits.Check(AnchorAt, "plan anchor"),
            Tasks.IsDefault || Tasks.Length <= MaintenanceLifecycle.MaxTasks ? null : $"a plan has at most {MaintenanceLifecycle.MaxTasks} tasks",
            Trigger == MaintenanceTrigger.Condition && Condition is null ? "a condition plan needs a tag condition" : null,
            Trigger != MaintenanceTrigger.Condition && Condition is not null ? "only a condition plan has a tag condition" : null,
        };
        if (Trigger == MaintenanceTrigger.Condition && Condition is not null)
        {
            problems.AddRange(Condition.Validate());
        }

        if (!Tasks.IsDefault)
        {
            problems.AddRange(Tasks.Select((t, i) => string.IsNullOrWhiteSpace(t)
                ? $"task {i + 1} is blank"
                : TextLimits.CheckLength(t, $"task {i + 1}", TextLimits.NameLength)));
        }

        return [.. problems.OfType<string>()];
    }
}
