namespace Factory.Host.Api;

/// <summary>A tag's trend: raw samples (<see cref="BucketSeconds"/> null) or buckets, and the value in force before the window.</summary>
public sealed record TagHistoryView(string Tag, double? BucketSeconds, IReadOnlyList<TrendPointView> Points, TrendPointView? Prior);
