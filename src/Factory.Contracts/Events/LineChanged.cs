using Factory.Contracts.Views;

namespace Factory.Contracts.Events;

/// <summary>A line's status or throughput changed.</summary>
[GenerateSerializer, Immutable, Alias("factory.line-changed")]
public sealed record LineChanged([property: Id(0)] LineView Line)
    : PlantEvent(Line.SiteId, Line.Id, Line.Version)
{
    public override string? LineId => Line.Id;

    public override string Kind => "lineChanged";
}
