namespace Factory.Domain.Oee;

/// <summary>The KPIs of one entity (machine, line, site, shift, work order) over one window, as a report row.</summary>
/// <param name="Entity">"machine", "line", "site", "shift" or "workorder".</param>
public sealed record KpiRow(string Entity, string EntityId, TimeRange Window, ProductionKpis Kpis);
