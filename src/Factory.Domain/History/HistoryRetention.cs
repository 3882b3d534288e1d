namespace Factory.Domain.History;

/// <summary>How long each resolution is kept: raw samples for weeks, minute and hour rollups for years.</summary>
public sealed record HistoryRetention(TimeSpan Raw, TimeSpan Minutes, TimeSpan Hours)
{
    /// <summary>Raw 30 days, minutes 1 year, hours 10 years.</summary>
    public static HistoryRetention Default { get; } = new(TimeSpan.FromDays(30), TimeSpan.FromDays(366), TimeSpan.FromDays(3660));

    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (Raw <= TimeSpan.Zero)
        {
            problems.Add("raw retention must be positive");
        }

        if (Minutes < Raw)
        {
            problems.Add("minute rollups must be kept at least as long as raw samples");
        }

        if (Hours < Minutes)
        {
            problems.Add("hour rollups must be kept at least as long as minute rollups");
        }

        return problems;
    }
}
