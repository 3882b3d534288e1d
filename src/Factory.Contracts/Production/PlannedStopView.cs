using Factory.Domain.Oee;

namespace Factory.Contracts.Production;

/// <summary>A planned stop (break, planned maintenance) recorded for a machine or a line.</summary>
[GenerateSerializer, Immutable, Alias("factory.planned-stop-view")]
public sealed record PlannedStopView(
    [property: Id(0)] string ScopeId,
    [property: Id(1)] PlannedStopKind Kind,
    [property: Id(2)] DateTimeOffset Start,
    [property: Id(3)] DateTimeOffset End,
    [property: Id(4)] string? Note)
{
    /// <summary>The stop's id (<see cref="PlannedStop.Id"/>), the key of <c>DELETE …/planned-stops/{stopId}</c>.</summary>
    public string StopId => ToDomain().Id;

    public PlannedStop ToDomain() => new(ScopeId, Kind, Start, End, Note);

    public static PlannedStopView From(PlannedStop s) => new(s.ScopeId, s.Kind, s.Start, s.End, s.Note);
}
