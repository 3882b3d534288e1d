using System.Threading.Channels;
using Factory.Contracts.Production;
using Factory.Domain.Alarms;
using Factory.Domain.Notifications;

namespace Factory.Host.Notifications;

/// <summary>
/// Where the plant feed hands over the events notifications care about (alarms and andon calls activated and
/// acknowledged, safety stops begun and ended, work orders turning at risk or recovering). A bounded queue, so a burst of events never holds up the feed; the
/// <see cref="NotificationService"/> reads it.
/// </summary>
public sealed class NotificationIntake(PlantClock clock, ILogger<NotificationIntake> logger)
{
    /// <summary>The most events waiting to be planned.</summary>
    public const int Capacity = 10_000;

    /// <summary>The longest message title (an email's subject).</summary>
    public const int MaxTitle = 200;

    /// <summary>The longest message text.</summary>
    public const int MaxText = 4000;

    private readonly DueDateWatch _dueDates = new();

    private readonly Channel<NotificationInput> _inputs = Channel.CreateBounded<NotificationInput>(
        new BoundedChannelOptions(Capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    /// <summary>The events taken in, for the service.</summary>
    public ChannelReader<NotificationInput> Inputs => _inputs.Reader;

    /// <summary>Takes in what a plant event means for notifications; other events are ignored.</summary>
    public void Observe(PlantEvent plantEvent)
    {
        switch (plantEvent)
        {
            case AlarmChanged a:
                var andon = AndonCall.KindOf(a.Alarm.MachineId, a.Alarm.Id);
                foreach (var step in a.Events)
                {
                    if (step.Action == AlarmAction.Activated)
                    {
                        Write(new NotificationInput(andon is { } kind ? Called(a.Site, a.Alarm, step, kind) : Raised(a.Site, a.Alarm, step), a.Alarm.Area, null));
                    }
                    else if (step.Action == AlarmAction.Acknowledged || andon is not null && step.Action == AlarmAction.Cleared)
                    {
                        // An andon call is answered at the machine (its condition clears): somebody came, stop escalating.
                        Write(new NotificationInput(null, "", step.AlarmId));
                    }
                }

                break;
            case WorkOrderChanged w:
                ObserveOrders([w.WorkOrder]);
                break;
            case SafetyEventRaised s when s.SafetyEvent.End is null:
                Write(new NotificationInput(Stop(s.Site, s.SafetyEvent), "", null));
                break;
            case SafetyEventRaised s:
                Write(new NotificationInput(null, "", s.SafetyEvent.Id));
                break;
        }
    }

    /// <summary>Takes in what the orders' views mean for their due-date risk.</summary>
    public void ObserveOrders(IEnumerable<WorkOrderView> orders)
    {
        var now = clock.GetUtcNow();
        foreach (var input in orders.SelectMany(o => _dueDates.Observe(o, now)))
        {
            Write(input);
        }
    }

    /// <summary>Takes in the orders that the passing of time put at risk or overdue (the service calls it every round).</summary>
    public void CheckDueDates()
    {
        foreach (var input in _dueDates.Recheck(clock.GetUtcNow()))
        {
            Write(input);
        }
    }

    private void Write(NotificationInput input)
    {
        if (!_inputs.Writer.TryWrite(input))
        {
            logger.LogError("The notification queue is full ({Capacity} events); an event was not planned: {Event}", Capacity, input.Event?.Key ?? input.Acknowledged);
        }
    }

    private static NotificationEvent Raised(string site, AlarmView alarm, AlarmEventView step) => new(
        $"{alarm.Id}@{step.At.UtcTicks}", site, NotificationKind.AlarmRaised, alarm.Id, alarm.MachineId, alarm.Priority, step.At,
        Bounded($"{alarm.Priority} alarm on {alarm.MachineId}: {alarm.Message}", MaxTitle),
        Bounded($"{alarm.Message} (alarm {alarm.Id}, area {alarm.Area}, source {alarm.Source}{(step.Why is null ? "" : ", " + step.Why)})", MaxText));

    private static NotificationEvent Called(string site, AlarmView alarm, AlarmEventView step, AndonKind kind) => new(
        $"{alarm.Id}@{step.At.UtcTicks}", site, NotificationKind.AndonCall, alarm.Id, alarm.MachineId, alarm.Priority, step.At,
        Bounded($"Andon at {alarm.MachineId}: {kind.ToString().ToLowerInvariant()}", MaxTitle),
        Bounded($"{alarm.Message} ({step.Why ?? "no note"}; area {alarm.Area})", MaxText), kind);

    private static NotificationEvent Stop(string site, SafetyEventView stop) => new(
        stop.Id, site, NotificationKind.SafetyStop, stop.Id, stop.MachineId, null, stop.Start,
        Bounded($"Safety stop on {stop.MachineId}: {stop.Kind}", MaxTitle),
        Bounded($"{stop.Kind} tripped on {stop.MachineId} (source {stop.Source})", MaxText));

    /// <summary>The text cut to <paramref name="max"/> characters, with an ellipsis when cut.</summary>
    public static string Bounded(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
