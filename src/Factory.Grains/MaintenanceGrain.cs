using Factory.Contracts.Maintenance;
using Factory.Contracts.Production;
using Factory.Domain.History;
using Factory.Domain.Maintenance;
using Factory.Domain.Oee;
using Factory.Grains.History;
using Factory.Grains.State;
using Factory.Grains.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Factory.Grains;

/// <summary>
/// A site's maintenance. Thin: the life of an order is in <see cref="MaintenanceLifecycle"/>, when a plan is due in
/// <see cref="MaintenancePlan.DueAt"/>, what a machine was used in <see cref="MachineUsage.Measure"/> and whether a tag
/// condition held in <see cref="TagCondition.Evaluate"/> (on the tag's samples in the historian); this grain keeps
/// orders and plans, keeps each planned order's stop on its machine's log, and on a timer evaluates the plans and plans
/// each order whose slot in the dispatcher's plan has begun into that slot.
/// </summary>
public sealed class MaintenanceGrain(
    [PersistentState("maintenance", StorageNames.Plant)] IPersistentState<MaintenanceState> state,
    PlantClock clock,
    IOptions<PlantOptions> options,
    IServiceProvider services) : Grain, IMaintenanceGrain
{
    /// <summary>Where tag samples are stored; a silo without history evaluates no condition as held.</summary>
    private readonly IHistorian? _historian = services.GetService<HistoryWriter>()?.Historian;

    /// <summary>At most this many orders per site, so one caller cannot grow the state without bound.</summary>
    public const int MaxOrders = 10_000;

    /// <summary>At most this many plans per site.</summary>
    public const int MaxPlans = 1_000;

    private MaintenanceState S => state.State;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var interval = options.Value.MaintenanceEvaluationInterval;
        interval = interval > TimeSpan.Zero ? interval : new PlantOptions().MaintenanceEvaluationInterval;
        this.RegisterGrainTimer(async _ => await Evaluate(), new GrainTimerCreationOptions(interval, interval) { KeepAlive = true });
        return Task.CompletedTask;
    }

    public async Task<CommandResult> CreateOrder(MaintenanceOrderSpec spec, string requestedBy)
    {
        if (spec is null)
        {
            return Refused(Refusal.Invalid("no maintenance order given"));
        }

        var step = MaintenanceLifecycle.Request(spec.ToDraft(requestedBy, clock.GetUtcNow()), clock.GetUtcNow());
        if (step.Refusal is { } refusal)
        {
            return Refused(refusal);
        }

        if (Order(spec.Id) is not null)
        {
            return Refused(Refusal.Conflict($"maintenance order {spec.Id} already exists"));
        }

        if (S.Orders.Count >= MaxOrders)
        {
            return Refused(Refusal.Conflict($"site {this.GetPrimaryKeyString()} holds {MaxOrders} maintenance orders, the most it keeps"));
        }

        S.Orders.Add(step.Order);
        var saved = await SavedAsync();
        if (MaintenanceScheduling.IsToPlace(step.Order))
        {
            await SendToPlaceAsync();
        }

        return saved;
    }

    public Task<CommandResult> PlanOrder(string orderId, DateTimeOffset start, DateTimeOffset end) =>
        Change(orderId, order => MaintenanceLifecycle.Plan(order, new MaintenanceWindow(start, end)));

    public async Task<CommandResult> StartOrder(string orderId, string who)
    {
        // Started where the plan placed it, the order keeps that slot as its window: its machine stays down for it.
        var slot = await SlotAsync(orderId);
        var now = clock.GetUtcNow();
        return await Change(orderId, order => MaintenanceLifecycle.Start(
            MaintenanceScheduling.WithPlacedSlot(order, slot is null ? null : new MaintenanceWindow(slot.Start, slot.End), now), who, now));
    }

    public Task<CommandResult> FinishOrder(string orderId, string who, string? note) =>
        Change(orderId, order => MaintenanceLifecycle.Finish(order, who, note, clock.GetUtcNow()));

    public Task<CommandResult> CancelOrder(string orderId, string reason) =>
        Change(orderId, order => MaintenanceLifecycle.Cancel(order, reason, clock.GetUtcNow()));

    public async Task<ImmutableArray<MaintenanceOrderView>> GetOrders()
    {
        var now = clock.GetUtcNow();
        // A due order without a window shows the slot the plan in force gave it (read from the plan, not sent back to this grain).
        var slots = S.Orders.Any(MaintenanceScheduling.IsToPlace)
            ? (await Dispatcher.GetPlan()).Maintenance.ToDictionary(m => m.OrderId, StringComparer.Ordinal)
            : [];
        return [.. S.Orders.OrderByDescending(o => o.RequestedAt).Select(o =>
            MaintenanceOrderView.From(o, now).WithSlot(MaintenanceScheduling.IsToPlace(o) ? slots.GetValueOrDefault(o.Id) : null))];
    }

    // GetPlan interleaves with everything the dispatcher does, so reading it never waits on a re-plan.
    private IDispatcherGrain Dispatcher => GrainFactory.GetGrain<IDispatcherGrain>(this.GetPrimaryKeyString());

    private async Task<PlannedMaintenanceView?> SlotAsync(string orderId) =>
        Order(orderId) is { } order && MaintenanceScheduling.IsToPlace(order)
            ? (await Dispatcher.GetPlan()).Maintenance.FirstOrDefault(m => m.OrderId == orderId)
            : null;

    /// <summary>
    /// Hands the dispatcher the site's due orders without a window to place. One-way: this grain never waits on the
    /// re-plan, and the dispatcher never calls back (the slots are read from its plan), so no call loop can deadlock.
    /// </summary>
    private Task SendToPlaceAsync() =>
        Dispatcher.OnMaintenanceToPlaceChanged([.. MaintenanceScheduling.ToPlace(S.Orders).Select(MaintenanceToPlace.From)]);

    public async Task<CommandResult> CreatePlan(MaintenancePlanSpec spec)
    {
        if (spec is null)
        {
            return Refused(Refusal.Invalid("no maintenance plan given"));
        }

        var now = clock.GetUtcNow();
        var plan = spec.ToPlan(now);
        if (plan.Validate() is { Count: > 0 } problems)
        {
            return Refused(Refusal.Invalid(string.Join("; ", problems)));
        }

        if (plan.AnchorAt > now)
        {
            return Refused(Refusal.Invalid("a plan's anchor cannot be in the future"));
        }

        if (S.Plans.Any(p => string.Equals(p.Id, plan.Id, StringComparison.Ordinal)))
        {
            return Refused(Refusal.Conflict($"maintenance plan {plan.Id} already exists"));
        }

        if (S.Plans.Count >= MaxPlans)
        {
            return Refused(Refusal.Conflict($"site {this.GetPrimaryKeyString()} holds {MaxPlans} maintenance plans, the most it keeps"));
        }

        S.Plans.Add(plan);
        return await SavedAsync();
    }

    public async Task<ImmutableArray<MaintenancePlanView>> GetPlans()
    {
        var now = clock.GetUtcNow();
        var views = new List<MaintenancePlanView>();
        foreach (var plan in S.Plans)
        {
            views.Add(MaintenancePlanView.From(plan, plan.DueAt(await UsageSince(plan, now), now, await ConditionSince(plan, now))));
        }

        return [.. views];
    }

    public async Task<ImmutableArray<string>> Evaluate()
    {
        var now = clock.GetUtcNow();
        var created = new List<string>();
        for (var i = 0; i < S.Plans.Count; i++)
        {
            var plan = S.Plans[i];
            if (plan.OpenOrderId is not null || S.Orders.Count >= MaxOrders ||
                !plan.DueAt(await UsageSince(plan, now), now, await ConditionSince(plan, now)).IsDue)
            {
                continue;
            }

            var order = plan.OrderFor(NewOrderId(plan), now);
            S.Orders.Add(order);
            S.Plans[i] = plan with { OpenOrderId = order.Id };
            created.Add(order.Id);
        }

        if (created.Count > 0)
        {
            await SavedAsync();
            await SendToPlaceAsync();
        }

        await HoldBegunSlotsAsync(now);
        return [.. created];
    }

    /// <summary>
    /// Plans each order to place whose slot in the plan in force has begun into that slot (see
    /// <see cref="MaintenanceScheduling.SlotsBegun"/>): its machine's log gets the planned-maintenance stop and the dispatcher a fixed window.
    /// </summary>
    private async Task HoldBegunSlotsAsync(DateTimeOffset now)
    {
        if (!S.Orders.Any(MaintenanceScheduling.IsToPlace))
        {
            return;
        }

        var slots = (await Dispatcher.GetPlan()).Maintenance
            .DistinctBy(m => m.OrderId, StringComparer.Ordinal)
            .ToDictionary(m => m.OrderId, m => new MaintenanceWindow(m.Start, m.End), StringComparer.Ordinal);
        foreach (var (order, slot) in MaintenanceScheduling.SlotsBegun(S.Orders, slots, now))
        {
            await Change(order.Id, o => MaintenanceLifecycle.Plan(o, slot));
        }
    }

    /// <summary>Where a condition plan's condition stands since its anchor, from the tag's samples in the historian.</summary>
    private async Task<TagConditionState?> ConditionSince(MaintenancePlan plan, DateTimeOffset now)
    {
        if (plan.Condition is not { } condition || _historian is null || now <= plan.AnchorAt)
        {
            return null;
        }

        var from = now - plan.AnchorAt > HistoryWindow.MaxSpan ? now - HistoryWindow.MaxSpan : plan.AnchorAt;
        if (HistoryWindow.Create(from, now, HistoryWindow.MaxPoints).Window is not { } window)
        {
            return null;
        }

        var trend = await _historian.QueryAsync(plan.MachineId, condition.Tag, window);
        return condition.Evaluate(ConditionSamples(trend, condition), from, now);
    }

    /// <summary>
    /// A trend as (time, value) samples for a condition. Raw samples are themselves; a bucket (a long window) counts only when
    /// all of it was past the limit: its worst value from its start, then its last value from its end on (when exactly the
    /// last sample came in the bucket is not known, so it is taken as late as it can be).
    /// </summary>
    private static IEnumerable<(DateTimeOffset At, double Value)> ConditionSamples(TagTrend trend, TagCondition condition)
    {
        if (trend.Prior is { } prior)
        {
            yield return (prior.At, prior.Last);
        }

        foreach (var point in trend.Points)
        {
            if (trend.BucketWidth is not { } width)
            {
                yield return (point.At, point.Last);
                continue;
            }

            yield return (point.At, condition.Comparison == TagComparison.Above ? point.Min : point.Max);
            yield return (point.At + width, point.Last);
        }
    }

    private async Task<MachineUsage> UsageSince(MaintenancePlan plan, DateTimeOffset now)
    {
        if (plan.Trigger is MaintenanceTrigger.CalendarDays or MaintenanceTrigger.Condition || now <= plan.AnchorAt)
        {
            return MachineUsage.None;
        }

        var log = await GrainFactory.GetGrain<IMachineLogGrain>(plan.MachineId).GetLog(plan.AnchorAt, now);
        return MachineUsage.Measure(log.Intervals(now), log.Counts.Select(c => c.ToDomain(log.MachineId)), new TimeRange(plan.AnchorAt, now));
    }

    private string NewOrderId(MaintenancePlan plan)
    {
        var stem = plan.Id.Length > 50 ? plan.Id[..50] : plan.Id;
        var n = S.Orders.Count(o => o.PlanId == plan.Id) + 1;
        while (Order($"{stem}-{n}") is not null)
        {
            n++;
        }

        return $"{stem}-{n}";
    }

    private async Task<CommandResult> Change(string orderId, Func<MaintenanceOrder, MaintenanceStep> transition)
    {
        if (Order(orderId) is not { } before)
        {
            return Refused(Refusal.NotFound($"maintenance order '{orderId}' does not exist"));
        }

        var step = transition(before);
        if (step.Refusal is { } refusal)
        {
            return Refused(refusal);
        }

        var after = step.Order;
        await KeepStop(before, after);
        S.Orders[S.Orders.IndexOf(before)] = after;
        if (after.IsClosed && after.PlanId is { } planId && S.Plans.FindIndex(p => p.Id == planId && p.OpenOrderId == after.Id) is var i and >= 0)
        {
            // The plan counts again from when its order was closed, done or cancelled (a cancelled one is skipped, not retried at once).
            S.Plans[i] = S.Plans[i] with { OpenOrderId = null, AnchorAt = after.FinishedAt ?? clock.GetUtcNow() };
        }

        var saved = await SavedAsync();
        if (MaintenanceScheduling.IsToPlace(before) != MaintenanceScheduling.IsToPlace(after))
        {
            await SendToPlaceAsync();
        }

        return saved;
    }

    // A planned order's window is a planned-maintenance stop on its machine: planned downtime in the KPIs, not a breakdown.
    private async Task KeepStop(MaintenanceOrder before, MaintenanceOrder after)
    {
        var log = GrainFactory.GetGrain<IMachineLogGrain>(after.MachineId);
        var keep = after.Status is MaintenanceStatus.Planned or MaintenanceStatus.InProgress ? after.Window : null;
        if (before.Window is { } old && old != keep)
        {
            await log.RemovePlannedStop(Stop(before, old).StopId);
        }

        if (keep is not null && keep != before.Window)
        {
            await log.AddPlannedStop(Stop(after, keep));
        }

        if (before.Window != keep)
        {
            // The dispatcher plans no work on the machine in its planned orders' windows (the changed order's new state counts).
            var windows = S.Orders
                .Select(o => o.Id == after.Id ? after : o)
                .Where(o => o.MachineId == after.MachineId && o.Window is not null && o.Status is MaintenanceStatus.Planned or MaintenanceStatus.InProgress)
                .Select(o => Stop(o, o.Window!))
                .ToImmutableArray();
            await Dispatcher.OnMaintenanceWindowsChanged(after.MachineId, windows);
        }
    }

    private static PlannedStopView Stop(MaintenanceOrder order, MaintenanceWindow window) =>
        new(order.MachineId, PlannedStopKind.PlannedMaintenance, window.Start, window.End, $"maintenance order {order.Id}");

    private MaintenanceOrder? Order(string id) => S.Orders.Find(o => string.Equals(o.Id, id, StringComparison.Ordinal));

    private async Task<CommandResult> SavedAsync()
    {
        S.Version++;
        await state.SaveOrRestoreAsync(this);
        return CommandResult.Ok(S.Version);
    }

    private CommandResult Refused(Refusal refusal) => CommandResult.Refused(refusal, S.Version);
}
