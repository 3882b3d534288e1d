using Factory.Contracts.Production;
using Factory.Domain.Alarms;

namespace Factory.Grains.State;

/// <summary>What a machine log grain persists (JSON). Bounded: history older than the retention is compacted away.</summary>
public sealed class MachineLogState
{
    public MachineLogSettings? Settings { get; set; }

    public List<StateEventView> Events { get; set; } = [];

    public List<CountView> Counts { get; set; } = [];

    public List<PlannedStopView> Stops { get; set; } = [];

    public List<Alarm> Alarms { get; set; } = [];

    public List<AlarmEventView> AlarmHistory { get; set; } = [];

    public List<SafetyEventView> SafetyEvents { get; set; } = [];

    /// <summary>The machine's cumulative counters when last seen, to turn them into increments.</summary>
    public long? LastGoodCounter { get; set; }

    public long? LastScrapCounter { get; set; }

    public long Version { get; set; }
}
