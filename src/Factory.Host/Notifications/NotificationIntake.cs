using System.Threading.Channels;
using Factory.Contracts.Production;
using Factory.Domain.Alarms;
using Factory.Domain.Notifications;

namespace Factory.Host.Notifications;

/// <summary>
/// Where the plant feed hands over the events notifications care about (alarms activated and acknowledged, safety
/// stops begun and ended). A bounded queue, so a burst of events never holds up the feed; the
/// <see cref="NotificationService"/> reads it.
/// </summary>
public sealed class NotificationIntake(ILogger<NotificationIntake> logger)
{
    /// <summary>The most events waiting to be planned.</summary>
    public const int Capacity = 10_000;

    private const int MaxTitle = 200;
    private const int MaxText = 4000;

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
                foreach (var step in a.Events)
                {
                    if (step.Action == AlarmAction.Activated)
                    {
                        Write(new NotificationInput(Raised(a.Site, a.Alarm, step), a.Alarm.Area, null));
                    }
                    else if (step.Action == AlarmAction.Acknowledged)
                    {
                        Write(new NotificationInput(null, "", step.AlarmId));
                    }
                }

                break;
            case SafetyEventRaised s when s.SafetyEvent.End is null:
                Write(new NotificationInput(Stop(s.Site, s.SafetyEvent), "", null));
                break;
            case SafetyEventRaised s:
                Write(new NotificationInput(null, "", s.SafetyEvent.Id));
                break;
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

    private static NotificationEvent Stop(string site, SafetyEventView stop) => new(
        stop.Id, site, NotificationKind.SafetyStop, stop.Id, stop.MachineId, null, stop.Start,
        Bounded($"Safety stop on {stop.MachineId}: {stop.Kind}", MaxTitle),
        Bounded($"{stop.Kind} tripped on {stop.MachineId} (source {stop.Source})", MaxText));

    private static string Bounded(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
