namespace Factory.Contracts.Events;

/// <summary>A machine's state log or counts changed: live KPIs of the machine, its line and site are due.</summary>
[GenerateSerializer, Immutable, Alias("factory.machine-log-changed")]
public sealed record MachineLogChanged(
    [property: Id(0)] string Site,
    [property: Id(1)] string Line,
    [property: Id(2)] string Machine,
    [property: Id(3)] long LogVersion)
    : PlantEvent(Site, Machine, LogVersion)
{
    public override string? LineId => Line;

    public override string Kind => "machineLogChanged";
}
