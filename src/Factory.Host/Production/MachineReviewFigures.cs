using Factory.Domain.Oee;

namespace Factory.Host.Production;

/// <summary>What the machine log says for a machine's performance review (<see cref="KpiQueries.MachineReviewAsync"/>).</summary>
/// <param name="Window">The period, clipped at now.</param>
/// <param name="Kpis">The KPIs of the whole period: failures, MTBF, MTTR, availability.</param>
/// <param name="Days">The KPIs of each UTC day in the period, oldest first.</param>
/// <param name="Stops">The lost-time stretches (ADOT, ADET, ASUT) in the period, oldest first.</param>
/// <param name="Reasons">The site's downtime reason tree the stops are explained from.</param>
public sealed record MachineReviewFigures(
    TimeRange Window,
    ProductionKpis Kpis,
    IReadOnlyList<KpiRow> Days,
    IReadOnlyList<DowntimeStop> Stops,
    DowntimeReasonTree Reasons);
