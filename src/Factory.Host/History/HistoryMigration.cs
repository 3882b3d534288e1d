using Factory.Contracts.Production;
using Factory.Domain.History;
using Factory.Host.Plant;

namespace Factory.Host.History;

/// <summary>
/// Moves what the machine logs kept in grain state before the historian existed (their state events and counts)
/// into the historian at start, once per machine (a marker records it). The rows are keyed, so a migration cut short
/// and run again stores nothing twice. <see cref="Completed"/> says when every machine is done.
/// </summary>
public sealed partial class HistoryMigration(PlantCatalog catalog, IGrainFactory grains, IHistorian historian, ILogger<HistoryMigration> logger) : BackgroundService
{
    private readonly TaskCompletionSource<int> _completed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes with the number of machines migrated on this start (0 when all were before).</summary>
    public Task<int> Completed => _completed.Task;

    /// <summary>The marker of a machine whose log has been moved.</summary>
    public static string MarkerOf(string machineId) => "migrated:machine-log:" + machineId;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            var specs = await catalog.Specs.WaitAsync(stoppingToken);
            var migrated = 0;
            foreach (var machine in specs.Machines)
            {
                if (await MigrateAsync(machine.Id, stoppingToken))
                {
                    migrated++;
                }
            }

            LogMigrated(logger, migrated);
            _completed.TrySetResult(migrated);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            _completed.TrySetCanceled(stoppingToken);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The grain logs still hold everything; the next start tries again.
            LogFailed(logger, e);
            _completed.TrySetException(e);
        }
    }

    /// <summary>Moves one machine's log unless it was moved before; true when it moved now.</summary>
    public async Task<bool> MigrateAsync(string machineId, CancellationToken cancellationToken = default)
    {
        var marker = MarkerOf(machineId);
        if (await historian.GetMarkerAsync(marker, cancellationToken) is not null)
        {
            return false;
        }

        var log = await grains.GetGrain<IMachineLogGrain>(machineId).GetLog(DateTimeOffset.MinValue, DateTimeOffset.MaxValue);
        await historian.AppendAsync(new HistoryBatch([],
            [.. log.Events.Select(e => e.ToDomain(machineId))],
            [.. log.Counts.Select(c => c.ToDomain(machineId))]), cancellationToken);
        await historian.SetMarkerAsync(marker, log.Version.ToString(System.Globalization.CultureInfo.InvariantCulture), cancellationToken);
        return true;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "historian: {Machines} machine logs moved from grain state")]
    private static partial void LogMigrated(ILogger logger, int machines);

    [LoggerMessage(Level = LogLevel.Error, Message = "historian: moving the machine logs failed; the next start tries again")]
    private static partial void LogFailed(ILogger logger, Exception error);
}
