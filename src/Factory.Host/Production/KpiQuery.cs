namespace Factory.Host.Production;

/// <summary>What to compute KPIs of: entity kind (machine, line, site, shift, workorder), its id, and the window.</summary>
public sealed record KpiQuery(string Entity, string Id, DateTimeOffset From, DateTimeOffset To);
