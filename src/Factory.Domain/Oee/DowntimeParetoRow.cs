namespace Factory.Domain.Oee;

/// <summary>One bar of a downtime Pareto: a reason (null = unexplained), its lost time and how many stops, biggest first.</summary>
/// <param name="Share">This reason's part of all lost time (0–1).</param>
/// <param name="CumulativeShare">This and every bigger reason together (0–1), the Pareto line.</param>
public sealed record DowntimeParetoRow(
    string? ReasonCode,
    string ReasonName,
    DowntimeCategory? Category,
    TimeSpan Lost,
    int Stops,
    double Share,
    double CumulativeShare);
