namespace Factory.Domain.History;

/// <summary>Which resolution a trend is read from.</summary>
public enum HistorySource
{
    /// <summary>The raw samples (buckets narrower than a minute).</summary>
    Raw,

    /// <summary>The per-minute rollups (buckets a whole number of minutes wide).</summary>
    Minutes,

    /// <summary>The per-hour rollups (buckets a whole number of hours wide).</summary>
    Hours,
}
