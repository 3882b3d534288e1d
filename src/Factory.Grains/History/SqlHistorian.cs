using System.Collections.Concurrent;
using System.Data.Common;
using Factory.Domain.History;
using Factory.Domain.Oee;

namespace Factory.Grains.History;

/// <summary>
/// The historian's SQL, shared by SQLite and PostgreSQL (both speak <c>ON CONFLICT</c> and <c>@name</c> parameters):
/// one row per sample in <c>history_raw</c> keyed by (series, time), minute and hour rollups beside it, states and counts
/// in their own tables. Rows are only ever inserted (a duplicate is ignored) or, for rollups, recomputed; no record is
/// rewritten as a whole. The stores differ in their schema and in how they insert many raw rows fast.
/// </summary>
public abstract class SqlHistorian : IHistorian
{
    /// <summary>Marker holding the time (UTC ticks) up to which raw samples are rolled up into minutes.</summary>
    protected const string MinuteMark = "rollup.minutes";

    /// <summary>Marker holding the time up to which minutes are rolled up into hours.</summary>
    protected const string HourMark = "rollup.hours";

    // A rollup pass reads at most this much time at once, so memory stays bounded however far behind it is.
    private static readonly TimeSpan RollupChunk = TimeSpan.FromHours(6);

    private readonly ConcurrentDictionary<(string Machine, string Tag), long> _series = new();
    private readonly SemaphoreSlim _writeGate = new(1, 1);

    /// <summary>An open connection on a database whose schema exists.</summary>
    protected abstract Task<DbConnection> OpenAsync(CancellationToken cancellationToken);

    /// <summary>Inserts raw rows, ignoring ones already stored (same series and time).</summary>
    protected abstract Task InsertRawAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<(long Series, long At, double Value)> rows, CancellationToken cancellationToken);

    /// <summary>Called before raw rows in [from, to] are inserted (PostgreSQL creates the time partitions they fall in).</summary>
    protected virtual Task PrepareRawAsync(DbConnection connection, DbTransaction transaction, long fromTicks, long toTicks, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Deletes raw rows before <paramref name="cutTicks"/>; PostgreSQL drops whole partitions first.</summary>
    protected virtual async Task<long> DeleteRawBeforeAsync(DbConnection connection, long cutTicks, CancellationToken cancellationToken) =>
        await ExecuteAsync(connection, null, "DELETE FROM history_raw WHERE at < @cut", cancellationToken, ("@cut", cutTicks));

    public async Task AppendAsync(HistoryBatch batch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (batch.IsEmpty)
        {
            return;
        }

        foreach (var sample in batch.Tags)
        {
            if (!double.IsFinite(sample.Value))
            {
                throw new ArgumentException($"{sample.MachineId}/{sample.Tag} at {sample.At:O}: a stored value must be a finite number", nameof(batch));
            }
        }

        // One writer at a time per store: SQLite has one anyway, and the series cache is only filled after a commit.
        await _writeGate.WaitAsync(cancellationToken);
        try
        {
            await using var connection = await OpenAsync(cancellationToken);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            var created = new Dictionary<(string, string), long>();
            if (batch.Tags.Count > 0)
            {
                var rows = new List<(long, long, double)>(batch.Tags.Count);
                var earliest = long.MaxValue;
                var latest = long.MinValue;
                foreach (var sample in batch.Tags)
                {
                    var key = (sample.MachineId, sample.Tag);
                    if (!_series.TryGetValue(key, out var id) && !created.TryGetValue(key, out id))
                    {
                        id = await SeriesIdAsync(connection, transaction, sample.MachineId, sample.Tag, cancellationToken);
                        created[key] = id;
                    }

                    var at = sample.At.UtcTicks;
                    earliest = Math.Min(earliest, at);
                    latest = Math.Max(latest, at);
                    rows.Add((id, at, sample.Value));
                }

                await PrepareRawAsync(connection, transaction, earliest, latest, cancellationToken);
                await InsertRawAsync(connection, transaction, rows, cancellationToken);
                // A sample older than what is rolled up makes its minute (and hour) be rolled up again.
                await LowerMarkAsync(connection, transaction, MinuteMark, HistoryWindow.Align(new DateTimeOffset(earliest, TimeSpan.Zero), TimeSpan.FromMinutes(1)).UtcTicks, cancellationToken);
                await LowerMarkAsync(connection, transaction, HourMark, HistoryWindow.Align(new DateTimeOffset(earliest, TimeSpan.Zero), TimeSpan.FromHours(1)).UtcTicks, cancellationToken);
            }

            await InsertStatesAsync(connection, transaction, batch.States, cancellationToken);
            await InsertCountsAsync(connection, transaction, batch.Counts, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            foreach (var (key, id) in created)
            {
                _series[key] = id;
            }
        }
        finally
        {
            _writeGate.Release();
        }
    }

    public async Task<TagTrend> QueryAsync(string machineId, string tag, HistoryWindow window, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(window);
        await using var connection = await OpenAsync(cancellationToken);
        var series = await FindSeriesAsync(connection, machineId, tag, cancellationToken);
        if (series is not { } id)
        {
            return new TagTrend(machineId, tag, window, null, [], null);
        }

        var from = window.From.UtcTicks;
        var to = window.To.UtcTicks;
        var prior = await ReadPointsAsync(connection, "SELECT at, value, value, value, value, value, CAST(1 AS BIGINT) FROM history_raw WHERE series = @s AND at < @from ORDER BY at DESC LIMIT 1",
            cancellationToken, ("@s", id), ("@from", from));
        List<TrendPoint> points;
        if (window.Source == HistorySource.Raw)
        {
            points = await ReadPointsAsync(connection, "SELECT at, value, value, value, value, value, CAST(1 AS BIGINT) FROM history_raw WHERE series = @s AND at >= @from AND at < @to ORDER BY at",
                cancellationToken, ("@s", id), ("@from", from), ("@to", to));
            if (points.Count <= window.Points)
            {
                return new TagTrend(machineId, tag, window, null, points, prior.FirstOrDefault());
            }
        }
        else
        {
            // Coarsest rollups first, then finer ones past their mark, then raw samples not rolled up yet.
            var minuteMark = await GetMarkTicksAsync(connection, MinuteMark, cancellationToken) ?? long.MinValue;
            var hourMark = window.Source == HistorySource.Hours ? Math.Min(await GetMarkTicksAsync(connection, HourMark, cancellationToken) ?? long.MinValue, minuteMark) : long.MinValue;
            var start = window.BucketOf(window.From).UtcTicks;
            points = [];
            if (hourMark > start)
            {
                points.AddRange(await ReadRollupAsync(connection, "history_hour", id, start, Math.Min(hourMark, to), cancellationToken));
            }

            var minutesFrom = Math.Max(start, hourMark);
            if (minuteMark > minutesFrom)
            {
                points.AddRange(await ReadRollupAsync(connection, "history_minute", id, minutesFrom, Math.Min(minuteMark, to), cancellationToken));
            }

            points.AddRange(await ReadPointsAsync(connection, "SELECT at, value, value, value, value, value, CAST(1 AS BIGINT) FROM history_raw WHERE series = @s AND at >= @from AND at < @to ORDER BY at",
                cancellationToken, ("@s", id), ("@from", Math.Max(Math.Max(minutesFrom, minuteMark), from)), ("@to", to)));
        }

        return new TagTrend(machineId, tag, window, window.BucketWidth, TrendBuckets.Merge(points, window.BucketWidth), prior.FirstOrDefault());
    }

    public async Task<IReadOnlyList<MachineStateEvent>> StatesAsync(string machineId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        const string columns = "at, state, mode, quality, reason, work_order";
        var sql = $"""
            SELECT {columns} FROM (SELECT {columns} FROM history_states WHERE machine_id = @m AND at <= @from ORDER BY at DESC LIMIT 1) AS prior
            UNION ALL
            SELECT {columns} FROM history_states WHERE machine_id = @m AND at > @from AND at < @to
            ORDER BY at
            """;
        await using var command = Command(connection, null, sql, ("@m", machineId), ("@from", from.UtcTicks), ("@to", to.UtcTicks));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var events = new List<MachineStateEvent>();
        while (await reader.ReadAsync(cancellationToken))
        {
            events.Add(new MachineStateEvent(machineId, new DateTimeOffset(reader.GetInt64(0), TimeSpan.Zero),
                (PackMlState)reader.GetInt64(1), (UnitMode)reader.GetInt64(2), (DataQuality)reader.GetInt64(3),
                reader.IsDBNull(4) ? null : reader.GetString(4), reader.IsDBNull(5) ? null : reader.GetString(5)));
        }

        return events;
    }

    public async Task<IReadOnlyList<ProductionCount>> CountsAsync(string machineId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = Command(connection, null,
            "SELECT at, good, scrap, rework, ideal_cycle_ticks, work_order FROM history_counts WHERE machine_id = @m AND at >= @from AND at < @to ORDER BY at, seq",
            ("@m", machineId), ("@from", from.UtcTicks), ("@to", to.UtcTicks));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var counts = new List<ProductionCount>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var workOrder = reader.GetString(5);
            counts.Add(new ProductionCount(machineId, new DateTimeOffset(reader.GetInt64(0), TimeSpan.Zero), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3),
                TimeSpan.FromTicks(reader.GetInt64(4)), workOrder.Length == 0 ? null : workOrder));
        }

        return counts;
    }

    public async Task<IReadOnlyList<string>> TagsAsync(string machineId, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = Command(connection, null, "SELECT tag FROM history_series WHERE machine_id = @m ORDER BY tag", ("@m", machineId));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var tags = new List<string>();
        while (await reader.ReadAsync(cancellationToken))
        {
            tags.Add(reader.GetString(0));
        }

        return tags;
    }

    public async Task RollupAsync(DateTimeOffset until, CancellationToken cancellationToken = default)
    {
        await _writeGate.WaitAsync(cancellationToken);
        try
        {
            await using var connection = await OpenAsync(cancellationToken);
            var minuteEnd = HistoryWindow.Align(until, TimeSpan.FromMinutes(1)).UtcTicks;
            await RollupLevelAsync(connection, MinuteMark, "SELECT series, at, value, value, value, value, value, CAST(1 AS BIGINT) FROM history_raw", "history_raw",
                "history_minute", TimeSpan.FromMinutes(1), minuteEnd, cancellationToken);
            var hourEnd = HistoryWindow.Align(new DateTimeOffset(await GetMarkTicksAsync(connection, MinuteMark, cancellationToken) ?? minuteEnd, TimeSpan.Zero), TimeSpan.FromHours(1)).UtcTicks;
            await RollupLevelAsync(connection, HourMark, $"SELECT series, at, {RollupColumns} FROM history_minute", "history_minute",
                "history_hour", TimeSpan.FromHours(1), hourEnd, cancellationToken);
        }
        finally
        {
            _writeGate.Release();
        }
    }

    public async Task<RetentionResult> ApplyRetentionAsync(DateTimeOffset now, HistoryRetention retention, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(retention);
        if (retention.Problems() is { Count: > 0 } problems)
        {
            throw new ArgumentException(string.Join("; ", problems), nameof(retention));
        }

        await _writeGate.WaitAsync(cancellationToken);
        try
        {
            await using var connection = await OpenAsync(cancellationToken);
            // Nothing is dropped before it is rolled up into the next resolution.
            var minuteMark = await GetMarkTicksAsync(connection, MinuteMark, cancellationToken) ?? long.MinValue;
            var hourMark = await GetMarkTicksAsync(connection, HourMark, cancellationToken) ?? long.MinValue;
            var raw = await DeleteRawBeforeAsync(connection, Math.Min((now - retention.Raw).UtcTicks, minuteMark), cancellationToken);
            var minutes = await ExecuteAsync(connection, null, "DELETE FROM history_minute WHERE at < @cut", cancellationToken, ("@cut", Math.Min((now - retention.Minutes).UtcTicks, hourMark)));
            var hours = await ExecuteAsync(connection, null, "DELETE FROM history_hour WHERE at < @cut", cancellationToken, ("@cut", (now - retention.Hours).UtcTicks));
            return new RetentionResult(raw, minutes, hours);
        }
        finally
        {
            _writeGate.Release();
        }
    }

    public async Task<string?> GetMarkerAsync(string key, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        return await GetMarkerAsync(connection, null, key, cancellationToken);
    }

    public async Task SetMarkerAsync(string key, string value, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await SetMarkerAsync(connection, null, key, value, cancellationToken);
    }

    private const string RollupColumns = "v_min, v_max, v_first, v_last, v_sum, n";

    private async Task RollupLevelAsync(DbConnection connection, string mark, string select, string sourceTable, string target, TimeSpan width, long end, CancellationToken cancellationToken)
    {
        var start = await GetMarkTicksAsync(connection, mark, cancellationToken);
        if (start is null)
        {
            // Never rolled up: start at the first stored row.
            await using var first = Command(connection, null, $"SELECT MIN(at) FROM {sourceTable}");
            var min = await first.ExecuteScalarAsync(cancellationToken);
            if (min is null or DBNull)
            {
                await SetMarkerAsync(connection, null, mark, end.ToString(System.Globalization.CultureInfo.InvariantCulture), cancellationToken);
                return;
            }

            start = HistoryWindow.Align(new DateTimeOffset(Convert.ToInt64(min, System.Globalization.CultureInfo.InvariantCulture), TimeSpan.Zero), width).UtcTicks;
        }

        for (var chunkStart = start.Value; chunkStart < end; chunkStart += RollupChunk.Ticks)
        {
            var chunkEnd = Math.Min(end, chunkStart + RollupChunk.Ticks);
            var buckets = new List<(long Series, TrendPoint Point)>();
            await using (var command = Command(connection, null, $"{select} WHERE at >= @from AND at < @to ORDER BY series, at", ("@from", chunkStart), ("@to", chunkEnd)))
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            {
                long? series = null;
                var builder = new TrendBucketBuilder(width);
                while (await reader.ReadAsync(cancellationToken))
                {
                    var id = reader.GetInt64(0);
                    if (series != id)
                    {
                        if (series is { } done && builder.Flush() is { } last)
                        {
                            buckets.Add((done, last));
                        }

                        series = id;
                    }

                    if (builder.Add(ReadPoint(reader, 1)) is { } closed)
                    {
                        buckets.Add((id, closed));
                    }
                }

                if (series is { } final && builder.Flush() is { } tail)
                {
                    buckets.Add((final, tail));
                }
            }

            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await using (var upsert = Command(connection, transaction,
                $"""
                INSERT INTO {target}(series, at, {RollupColumns}) VALUES (@s, @at, @min, @max, @first, @last, @sum, @n)
                ON CONFLICT (series, at) DO UPDATE SET v_min = excluded.v_min, v_max = excluded.v_max, v_first = excluded.v_first,
                  v_last = excluded.v_last, v_sum = excluded.v_sum, n = excluded.n
                """,
                ("@s", 0L), ("@at", 0L), ("@min", 0d), ("@max", 0d), ("@first", 0d), ("@last", 0d), ("@sum", 0d), ("@n", 0L)))
            {
                foreach (var (series, point) in buckets)
                {
                    upsert.Parameters[0].Value = series;
                    upsert.Parameters[1].Value = point.At.UtcTicks;
                    upsert.Parameters[2].Value = point.Min;
                    upsert.Parameters[3].Value = point.Max;
                    upsert.Parameters[4].Value = point.First;
                    upsert.Parameters[5].Value = point.Last;
                    upsert.Parameters[6].Value = point.Sum;
                    upsert.Parameters[7].Value = point.Count;
                    await upsert.ExecuteNonQueryAsync(cancellationToken);
                }
            }

            await SetMarkerAsync(connection, transaction, mark, chunkEnd.ToString(System.Globalization.CultureInfo.InvariantCulture), cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
    }

    private static async Task<List<TrendPoint>> ReadRollupAsync(DbConnection connection, string table, long series, long from, long to, CancellationToken cancellationToken) =>
        await ReadPointsAsync(connection, $"SELECT at, {RollupColumns} FROM {table} WHERE series = @s AND at >= @from AND at < @to ORDER BY at",
            cancellationToken, ("@s", series), ("@from", from), ("@to", to));

    private static async Task<List<TrendPoint>> ReadPointsAsync(DbConnection connection, string sql, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        await using var command = Command(connection, null, sql, parameters);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var points = new List<TrendPoint>();
        while (await reader.ReadAsync(cancellationToken))
        {
            points.Add(ReadPoint(reader, 0));
        }

        return points;
    }

    // Columns from `offset`: at, min, max, first, last, sum, count.
    private static TrendPoint ReadPoint(DbDataReader reader, int offset) => new(
        new DateTimeOffset(reader.GetInt64(offset), TimeSpan.Zero), reader.GetDouble(offset + 1), reader.GetDouble(offset + 2),
        reader.GetDouble(offset + 3), reader.GetDouble(offset + 4), reader.GetDouble(offset + 5), reader.GetInt64(offset + 6));

    private static async Task<long> SeriesIdAsync(DbConnection connection, DbTransaction transaction, string machineId, string tag, CancellationToken cancellationToken)
    {
        await ExecuteAsync(connection, transaction, "INSERT INTO history_series(machine_id, tag) VALUES (@m, @t) ON CONFLICT (machine_id, tag) DO NOTHING",
            cancellationToken, ("@m", machineId), ("@t", tag));
        await using var command = Command(connection, transaction, "SELECT id FROM history_series WHERE machine_id = @m AND tag = @t", ("@m", machineId), ("@t", tag));
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }

    private async Task<long?> FindSeriesAsync(DbConnection connection, string machineId, string tag, CancellationToken cancellationToken)
    {
        if (_series.TryGetValue((machineId, tag), out var cached))
        {
            return cached;
        }

        await using var command = Command(connection, null, "SELECT id FROM history_series WHERE machine_id = @m AND tag = @t", ("@m", machineId), ("@t", tag));
        return await command.ExecuteScalarAsync(cancellationToken) is { } id and not DBNull ? Convert.ToInt64(id, System.Globalization.CultureInfo.InvariantCulture) : null;
    }

    private static async Task InsertStatesAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<MachineStateEvent> states, CancellationToken cancellationToken)
    {
        if (states.Count == 0)
        {
            return;
        }

        // A state event is keyed by machine and time; the same event again (a retry, a migration run twice) is the
        // same row, and a reason attached later to the stop it starts updates that row's reason only.
        await using var command = Command(connection, transaction,
            """
            INSERT INTO history_states(machine_id, at, state, mode, quality, reason, work_order) VALUES (@m, @at, @state, @mode, @quality, @reason, @wo)
            ON CONFLICT (machine_id, at) DO UPDATE SET reason = excluded.reason
            """,
            ("@m", ""), ("@at", 0L), ("@state", 0L), ("@mode", 0L), ("@quality", 0L), ("@reason", DBNull.Value), ("@wo", DBNull.Value));
        foreach (var e in states)
        {
            command.Parameters[0].Value = e.MachineId;
            command.Parameters[1].Value = e.At.UtcTicks;
            command.Parameters[2].Value = (long)e.State;
            command.Parameters[3].Value = (long)e.Mode;
            command.Parameters[4].Value = (long)e.Quality;
            command.Parameters[5].Value = (object?)e.ReasonCode ?? DBNull.Value;
            command.Parameters[6].Value = (object?)e.WorkOrderId ?? DBNull.Value;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private static async Task InsertCountsAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<ProductionCount> counts, CancellationToken cancellationToken)
    {
        if (counts.Count == 0)
        {
            return;
        }

        // Keyed by machine, time, order and cycle time, with the position in the batch for counts that share them.
        await using var command = Command(connection, transaction,
            """
            INSERT INTO history_counts(machine_id, at, seq, work_order, ideal_cycle_ticks, good, scrap, rework) VALUES (@m, @at, @seq, @wo, @ict, @good, @scrap, @rework)
            ON CONFLICT (machine_id, at, seq, work_order, ideal_cycle_ticks) DO UPDATE SET good = excluded.good, scrap = excluded.scrap, rework = excluded.rework
            """,
            ("@m", ""), ("@at", 0L), ("@seq", 0L), ("@wo", ""), ("@ict", 0L), ("@good", 0L), ("@scrap", 0L), ("@rework", 0L));
        var previous = (Machine: "", At: long.MinValue, Seq: 0L);
        foreach (var c in counts)
        {
            var seq = previous.Machine == c.MachineId && previous.At == c.At.UtcTicks ? previous.Seq + 1 : 0;
            previous = (c.MachineId, c.At.UtcTicks, seq);
            command.Parameters[0].Value = c.MachineId;
            command.Parameters[1].Value = c.At.UtcTicks;
            command.Parameters[2].Value = seq;
            command.Parameters[3].Value = c.WorkOrderId ?? "";
            command.Parameters[4].Value = c.IdealCycleTime.Ticks;
            command.Parameters[5].Value = c.Good;
            command.Parameters[6].Value = c.Scrap;
            command.Parameters[7].Value = c.Rework;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private static async Task<long?> GetMarkTicksAsync(DbConnection connection, string mark, CancellationToken cancellationToken) =>
        await GetMarkerAsync(connection, null, mark, cancellationToken) is { } text ? long.Parse(text, System.Globalization.CultureInfo.InvariantCulture) : null;

    private static async Task LowerMarkAsync(DbConnection connection, DbTransaction transaction, string mark, long ticks, CancellationToken cancellationToken)
    {
        if (await GetMarkerAsync(connection, transaction, mark, cancellationToken) is { } text && long.Parse(text, System.Globalization.CultureInfo.InvariantCulture) > ticks)
        {
            await SetMarkerAsync(connection, transaction, mark, ticks.ToString(System.Globalization.CultureInfo.InvariantCulture), cancellationToken);
        }
    }

    private static async Task<string?> GetMarkerAsync(DbConnection connection, DbTransaction? transaction, string key, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, transaction, "SELECT value FROM history_markers WHERE key = @k", ("@k", key));
        return await command.ExecuteScalarAsync(cancellationToken) as string;
    }

    private static async Task SetMarkerAsync(DbConnection connection, DbTransaction? transaction, string key, string value, CancellationToken cancellationToken) =>
        await ExecuteAsync(connection, transaction, "INSERT INTO history_markers(key, value) VALUES (@k, @v) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            cancellationToken, ("@k", key), ("@v", value));

    /// <summary>Runs a statement; the number of rows it changed.</summary>
    protected static async Task<long> ExecuteAsync(DbConnection connection, DbTransaction? transaction, string sql, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        await using var command = Command(connection, transaction, sql, parameters);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>A command with named parameters.</summary>
    protected static DbCommand Command(DbConnection connection, DbTransaction? transaction, string sql, params (string Name, object Value)[] parameters)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }

        return command;
    }
}
