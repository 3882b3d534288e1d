using Factory.Domain.Oee;

namespace Factory.Domain.History;

/// <summary>
/// Every tag's history, machine states and counts, kept append-only outside grain memory. A store appends rows in
/// batches (one transaction per batch), rolls raw samples up into minute and hour aggregates, and drops what is
/// past retention; queries are bounded by <see cref="HistoryWindow"/>.
/// </summary>
public interface IHistorian
{
    /// <summary>Appends a batch in one transaction; when it returns the rows are durable. Appending the same rows again changes nothing.</summary>
    Task AppendAsync(HistoryBatch batch, CancellationToken cancellationToken = default);

    /// <summary>One tag over a window: raw samples when they fit in its point budget, else buckets from the finest resolution that fits.</summary>
    Task<TagTrend> QueryAsync(string machineId, string tag, HistoryWindow window, CancellationToken cancellationToken = default);

    /// <summary>The state changes in [from, to), with the one in force at <paramref name="from"/> first, in time order.</summary>
    Task<IReadOnlyList<MachineStateEvent>> StatesAsync(string machineId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default);

    /// <summary>The counts in [from, to), in time order.</summary>
    Task<IReadOnlyList<ProductionCount>> CountsAsync(string machineId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default);

    /// <summary>The names of the tags a machine has history for.</summary>
    Task<IReadOnlyList<string>> TagsAsync(string machineId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Rolls raw samples before <paramref name="until"/> up into minute and hour aggregates (whole minutes and hours
    /// only; a late sample before what was rolled up is rolled up again on the next pass).
    /// </summary>
    Task RollupAsync(DateTimeOffset until, CancellationToken cancellationToken = default);

    /// <summary>Drops raw samples, minutes and hours older than their retention; raw samples only once they are rolled up.</summary>
    Task<RetentionResult> ApplyRetentionAsync(DateTimeOffset now, HistoryRetention retention, CancellationToken cancellationToken = default);

    /// <summary>A marker that survives restarts (e.g. that a machine's in-grain log was migrated), or null.</summary>
    Task<string?> GetMarkerAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>Sets a marker.</summary>
    Task SetMarkerAsync(string key, string value, CancellationToken cancellationToken = default);
}
