namespace Factory.Contracts.Production;

/// <summary>What a machine's log watches besides states and counts: its alarms and safety tags (from the plant file).</summary>
/// <param name="ReasonTag">The tag carrying the PLC's downtime reason number, looked up in <paramref name="PlcReasons"/>.</param>
[GenerateSerializer, Immutable, Alias("factory.machine-log-settings")]
public sealed record MachineLogSettings(
    [property: Id(0)] string MachineId,
    [property: Id(1)] string SiteId,
    [property: Id(2)] string LineId,
    [property: Id(3)] double IdealCycleTimeSeconds,
    [property: Id(4)] ImmutableArray<AlarmDefinitionView> Alarms,
    [property: Id(5)] ImmutableArray<SafetyTagView> SafetyTags,
    [property: Id(6)] string ReasonTag,
    [property: Id(7)] ImmutableDictionary<int, string> PlcReasons);
