using Factory.Domain.Oee;

namespace Factory.Contracts.Production;

/// <summary>
/// ISO 22400 KPIs of one entity (machine, line, site, shift, work order) over [<see cref="From"/>, <see cref="To"/>).
/// Ratios are fractions (0.8881, not 88.81) and null when their denominator is zero, never NaN.
/// </summary>
[GenerateSerializer, Immutable, Alias("factory.kpi-view")]
public sealed record KpiView(
    [property: Id(0)] string Entity,
    [property: Id(1)] string Id,
    [property: Id(2)] DateTimeOffset From,
    [property: Id(3)] DateTimeOffset To,
    [property: Id(4)] TimeElementsView Time,
    [property: Id(5)] double? Availability,
    [property: Id(6)] double? Effectiveness,
    [property: Id(7)] double? QualityRatio,
    [property: Id(8)] double? Oee,
    [property: Id(9)] double? TechnicalEfficiency,
    [property: Id(10)] double? ScrapRatio,
    [property: Id(11)] double? ReworkRatio,
    [property: Id(12)] double? MtbfSeconds,
    [property: Id(13)] double? MttrSeconds,
    [property: Id(14)] double? ThroughputPerHour,
    [property: Id(15)] double? UnknownShare,
    [property: Id(16)] long Produced,
    [property: Id(17)] long Good,
    [property: Id(18)] long Scrap,
    [property: Id(19)] long Rework,
    [property: Id(20)] int Failures)
{
    /// <summary>
    /// Good parts per elapsed hour of the window (<c>LineThroughput</c>): a machine's own, a line's last stage's
    /// (<see cref="GoodPerHourOf"/>), a site's the sum of its lines'. Null for shift and work-order rows.
    /// </summary>
    [Id(21)]
    public double? GoodPerHour { get; init; }

    /// <summary>The machines whose good output <see cref="GoodPerHour"/> counts.</summary>
    [Id(22)]
    public ImmutableArray<string> GoodPerHourOf { get; init; } = [];

    public static KpiView Of(string entity, string id, TimeRange window, ProductionKpis k) => new(
        entity, id, window.Start, window.End, TimeElementsView.From(k.Time),
        k.Availability, k.Effectiveness, k.QualityRatio, k.Oee, k.TechnicalEfficiency, k.ScrapRatio, k.ReworkRatio,
        k.Mtbf?.TotalSeconds, k.Mttr?.TotalSeconds, k.ThroughputPerHour, k.UnknownShare,
        k.Output.Produced, k.Output.Good, k.Output.Scrap, k.Output.Rework, k.Failures);
}
