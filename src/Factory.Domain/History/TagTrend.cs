namespace Factory.Domain.History;

/// <summary>
/// A tag's history over a window: raw samples when they fit in the point budget, else buckets of
/// <see cref="BucketWidth"/> with min, max, first, last and mean (so a spike is never averaged away).
/// </summary>
/// <param name="BucketWidth">Null when <see cref="Points"/> are the raw samples.</param>
/// <param name="Prior">The last raw sample before the window, when there is one: the value in force at its start.</param>
public sealed record TagTrend(string MachineId, string Tag, HistoryWindow Window, TimeSpan? BucketWidth, IReadOnlyList<TrendPoint> Points, TrendPoint? Prior)
{
    public bool IsRaw => BucketWidth is null;
}
