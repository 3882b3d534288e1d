using Factory.Domain.Safety;

namespace Factory.Contracts.Production;

/// <summary>A safety stop on a machine (open while <see cref="End"/> is null).</summary>
[GenerateSerializer, Immutable, Alias("factory.safety-event-view")]
public sealed record SafetyEventView(
    [property: Id(0)] string MachineId,
    [property: Id(1)] SafetyStopKind Kind,
    [property: Id(2)] string Source,
    [property: Id(3)] DateTimeOffset Start,
    [property: Id(4)] DateTimeOffset? End)
{
    public string Id => $"{MachineId}/{Source}/{Start.UtcTicks}";

    public SafetyEvent ToDomain() => new(MachineId, Kind, Source, Start, End);

    public static SafetyEventView From(SafetyEvent e) => new(e.MachineId, e.Kind, e.Source, e.Start, e.End);
}
