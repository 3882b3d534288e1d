namespace Factory.Contracts.Production;

/// <summary>What a machine's log kept of its alarms before they had a grain of their own (see <c>IMachineAlarmsGrain.TakeOver</c>).</summary>
[GenerateSerializer, Immutable, Alias("factory.alarms-handover")]
public sealed record AlarmsHandover(
    [property: Id(0)] MachineLogSettings? Settings,
    [property: Id(1)] ImmutableArray<AlarmView> Alarms,
    [property: Id(2)] ImmutableArray<AlarmEventView> History,
    [property: Id(3)] ImmutableArray<SafetyEventView> SafetyEvents);
