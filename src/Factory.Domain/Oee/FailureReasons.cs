namespace Factory.Domain.Oee;

/// <summary>
/// The reasons machines fail for: the downtime Pareto (<see cref="DowntimeAnalysis.Pareto"/>) of the failure stops only
/// (ADOT, the time the KPIs count failures and MTTR from), so a changeover or a wait for material is not a failure reason.
/// </summary>
public static class FailureReasons
{
    /// <summary>
    /// The <paramref name="count"/> reasons with the most failure time, biggest first, each with its number of stops;
    /// failures nobody explained form one row with a null code. Shares are of failure time.
    /// </summary>
    public static IReadOnlyList<DowntimeParetoRow> Top(IEnumerable<DowntimeStop> stops, DowntimeReasonTree reasons, int count)
    {
        ArgumentNullException.ThrowIfNull(stops);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        return [.. DowntimeAnalysis.Pareto(stops.Where(s => s.Element == TimeElement.Adot), reasons).Take(count)];
    }
}
