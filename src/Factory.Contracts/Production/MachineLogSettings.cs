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
    [property: Id(7)] ImmutableDictionary<int, string> PlcReasons)
{
    // By value, lists included: a grain told the settings it already keeps (every start, or read back from storage)
    // then sees no change and writes nothing; a record's own equality would compare the lists by reference.
    public bool Equals(MachineLogSettings? other) =>
        other is not null &&
        MachineId == other.MachineId && SiteId == other.SiteId && LineId == other.LineId &&
        IdealCycleTimeSeconds.Equals(other.IdealCycleTimeSeconds) && ReasonTag == other.ReasonTag &&
        Alarms.AsSpan().SequenceEqual(other.Alarms.AsSpan()) && SafetyTags.AsSpan().SequenceEqual(other.SafetyTags.AsSpan()) &&
        (PlcReasons ?? ImmutableDictionary<int, string>.Empty).Count == (other.PlcReasons ?? ImmutableDictionary<int, string>.Empty).Count &&
        (PlcReasons ?? ImmutableDictionary<int, string>.Empty).All(r => other.PlcReasons!.TryGetValue(r.Key, out var code) && code == r.Value);

    public override int GetHashCode() => HashCode.Combine(MachineId, SiteId, LineId, ReasonTag);
}
