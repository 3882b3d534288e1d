using Factory.Domain.Alarms;

namespace Factory.Contracts.Production;

/// <summary>A configured alarm on one machine tag: a limit (High/Low, with deadband) or a PLC alarm bit.</summary>
[GenerateSerializer, Immutable, Alias("factory.alarm-definition-view")]
public sealed record AlarmDefinitionView(
    [property: Id(0)] string Id,
    [property: Id(1)] string MachineId,
    [property: Id(2)] string Area,
    [property: Id(3)] string Tag,
    [property: Id(4)] AlarmConditionKind Condition,
    [property: Id(5)] double Limit,
    [property: Id(6)] double Deadband,
    [property: Id(7)] AlarmPriority Priority,
    [property: Id(8)] bool Latched,
    [property: Id(9)] string Message,
    [property: Id(10)] TimeSpan? MaxShelveDuration)
{
    /// <summary>The andon alarm of <paramref name="kind"/> on a machine: no PLC tag carries it, the station's button raises it.</summary>
    public static AlarmDefinitionView Andon(string machineId, string area, AndonKind kind)
    {
        var d = AndonCall.Definition(machineId, area, kind);
        return new AlarmDefinitionView(d.Id, machineId, area, d.Source, AlarmConditionKind.Bit, 0, 0, d.Priority, d.Latched, d.Message, null);
    }

    public AlarmCondition ToCondition() => new(Condition, Limit, Deadband);

    public AlarmDefinition ToDomain()
    {
        var source = Tag.StartsWith(AndonCall.SourcePrefix, StringComparison.Ordinal) ? Tag : Condition switch
        {
            AlarmConditionKind.High => FormattableString.Invariant($"{Tag} > {Limit}"),
            AlarmConditionKind.Low => FormattableString.Invariant($"{Tag} < {Limit}"),
            _ => $"{Tag} (bit)",
        };
        return new AlarmDefinition(Id, MachineId, Area, source, Priority, Latched, Message, MaxShelveDuration);
    }
}
