using Factory.Contracts.Production;

namespace Factory.Contracts.Events;

/// <summary>Live KPIs of a machine, line or site for the running window (at most one per second per entity).</summary>
[GenerateSerializer, Immutable, Alias("factory.kpi-changed")]
public sealed record KpiChanged(
    [property: Id(0)] string Site,
    [property: Id(1)] string? Line,
    [property: Id(2)] KpiView Kpis,
    [property: Id(3)] long Sequence)
    : PlantEvent(Site, Kpis.Entity + ":" + Kpis.Id, Sequence)
{
    public override string? LineId => Line;

    public override string Kind => "kpiChanged";
}
