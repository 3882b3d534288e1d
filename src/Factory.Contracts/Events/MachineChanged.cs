using Factory.Contracts.Views;

namespace Factory.Contracts.Events;

/// <summary>A machine changed; carries its whole (small) view.</summary>
[GenerateSerializer, Immutable, Alias("factory.machine-changed")]
public sealed record MachineChanged([property: Id(0)] MachineView Machine)
    : PlantEvent(Machine.SiteId, Machine.Id, Machine.Version)
{
    public override string? LineId => Machine.LineId;

    public override string Kind => "machineChanged";
}
