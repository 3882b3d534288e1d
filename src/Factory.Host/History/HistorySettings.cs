using Factory.Domain.History;

namespace Factory.Host.History;

/// <summary><c>Factory:History</c>: how long the historian keeps each resolution.</summary>
public sealed class HistorySettings
{
    /// <summary>Days raw samples are kept (default 30).</summary>
    public double RawDays { get; set; } = HistoryRetention.Default.Raw.TotalDays;

    /// <summary>Days minute rollups are kept (default 366).</summary>
    public double MinuteDays { get; set; } = HistoryRetention.Default.Minutes.TotalDays;

    /// <summary>Days hour rollups are kept (default 3660).</summary>
    public double HourDays { get; set; } = HistoryRetention.Default.Hours.TotalDays;

    public HistoryRetention ToRetention() => new(TimeSpan.FromDays(RawDays), TimeSpan.FromDays(MinuteDays), TimeSpan.FromDays(HourDays));
}
