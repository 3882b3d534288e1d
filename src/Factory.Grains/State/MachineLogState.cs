using Factory.Contracts.Production;
using Factory.Domain.Alarms;
using Factory.Domain.Production;

namespace Factory.Grains.State;

/// <summary>What a machine log grain persists (JSON). Bounded: history older than the retention is compacted away.</summary>
public sealed class MachineLogState
{
    public MachineLogSettings? Settings { get; set; }

    public List<StateEventView> Events { get; set; } = [];

    public List<CountView> Counts { get; set; } = [];

    public List<PlannedStopView> Stops { get; set; } = [];

    // Alarms, their history and safety stops were kept here before they moved to the machine's alarms grain
    // (MachineAlarmsState). Read only to hand them over on activation, then emptied: a stored log keeps its alarms.

    /// <summary>Legacy: handed over to the alarms grain on activation, then empty.</summary>
    public List<Alarm> Alarms { get; set; } = [];

    /// <summary>Legacy: handed over to the alarms grain on activation, then empty.</summary>
    public List<AlarmEventView> AlarmHistory { get; set; } = [];

    /// <summary>Legacy: handed over to the alarms grain on activation, then empty.</summary>
    public List<SafetyEventView> SafetyEvents { get; set; } = [];

    /// <summary>The machine's cumulative counters when last seen, to turn them into increments.</summary>
    public long? LastGoodCounter { get; set; }

    public long? LastScrapCounter { get; set; }

    public long Version { get; set; }

    /// <summary>The production record this state stores.</summary>
    public ProductionRecord ToRecord(string machineId) =>
        ProductionRecord.Restore(
            machineId, Events.Select(e => e.ToDomain(machineId)), Counts.Select(c => c.ToDomain(machineId)), Stops.Select(p => p.ToDomain()),
            LastGoodCounter, LastScrapCounter);

    /// <summary>Takes what <paramref name="record"/> holds, to be saved (the format stored logs have).</summary>
    public void Keep(ProductionRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        Events = [.. record.Log.Events.Select(StateEventView.From)];
        Counts = [.. record.Counts.Select(CountView.From)];
        Stops = [.. record.Stops.Select(PlannedStopView.From)];
        LastGoodCounter = record.LastGoodCounter;
        LastScrapCounter = record.LastScrapCounter;
    }
}
