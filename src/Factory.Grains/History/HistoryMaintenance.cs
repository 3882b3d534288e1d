using Factory.Domain.History;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Factory.Grains.History;

/// <summary>
/// The background job that rolls raw samples up into minutes and hours (every minute, a minute behind the clock so
/// samples still on their way are in their minute) and drops what is past retention (every hour). Both are
/// idempotent, so a second silo doing the same on a shared database only repeats work.
/// </summary>
public sealed partial class HistoryMaintenance(IHistorian historian, PlantClock clock, HistoryRetention retention, ILogger<HistoryMaintenance> logger) : BackgroundService
{
    private static readonly TimeSpan RollupInterval = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan RetentionInterval = TimeSpan.FromHours(1);
    private static readonly TimeSpan Lateness = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(RollupInterval);
        var lastRetention = DateTimeOffset.MinValue;
        do
        {
            try
            {
                var now = clock.GetUtcNow();
                await historian.RollupAsync(now - Lateness, stoppingToken);
                if (now - lastRetention >= RetentionInterval)
                {
                    var dropped = await historian.ApplyRetentionAsync(now, retention, stoppingToken);
                    lastRetention = now;
                    LogRetention(logger, dropped.Raw, dropped.Minutes, dropped.Hours);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException && e is not OutOfMemoryException)
            {
                // The next pass starts again from the rollup mark: nothing is skipped.
                LogFailed(logger, e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "historian retention dropped {Raw} raw rows, {Minutes} minutes, {Hours} hours")]
    private static partial void LogRetention(ILogger logger, long raw, long minutes, long hours);

    [LoggerMessage(Level = LogLevel.Warning, Message = "historian rollup or retention failed; it is tried again next minute")]
    private static partial void LogFailed(ILogger logger, Exception error);
}
