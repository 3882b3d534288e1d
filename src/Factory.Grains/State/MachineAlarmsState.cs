using Factory.Contracts.Production;
using Factory.Domain.Alarms;

namespace Factory.Grains.State;

/// <summary>What a machine's alarms grain persists (JSON). Bounded like the log: history past the retention is dropped.</summary>
public sealed class MachineAlarmsState
{
    public MachineLogSettings? Settings { get; set; }

    public List<Alarm> Alarms { get; set; } = [];

    public List<AlarmEventView> AlarmHistory { get; set; } = [];

    public List<SafetyEventView> SafetyEvents { get; set; } = [];

    public long Version { get; set; }
}
