using System.Diagnostics;
using System.Globalization;
using Factory.Cluster.Tests;
using Factory.Domain.History;
using Factory.Grains.History;
using Microsoft.Extensions.Logging.Abstractions;

namespace Factory.Benchmarks.History;

/// <summary>
/// The historian's figures, SQLite and (with <c>--postgres</c>) PostgreSQL side by side in one run:
/// ingest through the real group-commit writer (many machines appending batches at once), bytes per raw point,
/// rollup time, and query latency of a 30-day trend of one tag at 1 s (2.6M raw points) in 800 buckets against
/// a 1-hour raw trend. <c>dotnet run -c Release --project tests/Factory.Benchmarks -- history-load [--seconds 20] [--machines 200] [--tags 64] [--days 30] [--postgres]</c>
/// </summary>
internal static class HistoryLoadRun
{
    public static async Task<int> RunAsync(string[] args)
    {
        var seconds = RunArguments.Int(args, "--seconds", 20);
        var machines = RunArguments.Int(args, "--machines", 200);
        var tags = RunArguments.Int(args, "--tags", 64);
        var days = RunArguments.Int(args, "--days", 30);
        using var directory = new ScratchFolder("factory-history-load-");
        Console.WriteLine($"history-load: {Environment.ProcessorCount} cores, ingest {seconds} s from {machines} machines x {tags} tags, query over {days} days at 1 s");
        try
        {
            var sqlite = new SqliteHistorian(Path.Combine(directory.Path, "history.db"));
            await MeasureAsync("sqlite", sqlite, seconds, machines, tags, days, () => new FileInfo(sqlite.DatabasePath).Length + WalLength(sqlite.DatabasePath));
            if (args.Contains("--postgres"))
            {
                using var server = await PostgresServer.StartAsync();
                var connectionString = await server.CreateDatabaseAsync();
                await using var postgres = new PostgresHistorian(connectionString);
                await MeasureAsync("postgres", postgres, seconds, machines, tags, days, () => DatabaseSize(connectionString));
            }
        }
        finally
        {
            // Pooled connections keep the database open; the folder goes once they are closed.
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        }

        return 0;
    }

    private static async Task MeasureAsync(string name, IHistorian historian, int seconds, int machines, int tags, int days, Func<long> bytes)
    {
        // Ingest: every machine appends one batch of all its tags every 100 ms-equivalent, as fast as the writer takes them.
        var writer = new HistoryWriter(historian, NullLogger<HistoryWriter>.Instance);
        var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var stop = Stopwatch.StartNew();
        var deadline = TimeSpan.FromSeconds(seconds);
        var latencies = new List<double>();
        var gate = new object();
        await Task.WhenAll(Enumerable.Range(0, machines).Select(m => Task.Run(async () =>
        {
            var machine = $"M{m:D4}";
            var names = Enumerable.Range(0, tags).Select(t => $"tag{t:D3}").ToArray();
            for (var tick = 0; stop.Elapsed < deadline; tick++)
            {
                var at = start.AddMilliseconds(100 * tick);
                var batch = new HistoryBatch([.. names.Select((tag, t) => new TagSample(machine, tag, at, Math.Sin((tick + t) / 10.0)))], [], []);
                var began = stop.Elapsed;
                await writer.AppendAsync(batch);
                lock (gate)
                {
                    latencies.Add((stop.Elapsed - began).TotalMilliseconds);
                }
            }
        })));
        var elapsed = stop.Elapsed;
        await writer.DisposeAsync();
        var rows = writer.CommittedRows;
        var ingestBytes = bytes();
        latencies.Sort();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name}: ingest {rows / elapsed.TotalSeconds:N0} points/s sustained ({rows:N0} points in {elapsed.TotalSeconds:N1} s, {writer.Commits:N0} commits, {rows / Math.Max(1, writer.Commits):N0} points per commit); append acknowledged p50 {Percentile(latencies, 0.5):N1} ms, p99 {Percentile(latencies, 0.99):N1} ms; {ingestBytes / (double)rows:N1} bytes per raw point on disk"));

        // Query: one tag, 1 s for `days` days, appended in 50k-row batches.
        var from = new DateTimeOffset(2025, 6, 1, 0, 0, 0, TimeSpan.Zero);
        var points = days * 86_400;
        stop.Restart();
        for (var i = 0; i < points; i += 50_000)
        {
            await historian.AppendAsync(new HistoryBatch([.. Enumerable.Range(i, Math.Min(50_000, points - i)).Select(s => new TagSample("Q1", "spindle", from.AddSeconds(s), 50 + (10 * Math.Sin(s / 600.0))))], [], []));
        }

        var loaded = stop.Elapsed;
        var window = HistoryWindow.Create(from, from.AddDays(days), 800).Window!;
        var fromRaw = await TimeAsync(() => historian.QueryAsync("Q1", "spindle", window), 1);
        stop.Restart();
        await historian.RollupAsync(from.AddDays(days));
        var rollup = stop.Elapsed;
        var trend = await TimeAsync(() => historian.QueryAsync("Q1", "spindle", window), 20);
        var hour = await TimeAsync(() => historian.QueryAsync("Q1", "spindle", HistoryWindow.Create(from.AddDays(days / 2.0), from.AddDays(days / 2.0).AddHours(1), 800).Window!), 20);
        var check = await historian.QueryAsync("Q1", "spindle", window);
        var hourPoints = (await historian.QueryAsync("Q1", "spindle", HistoryWindow.Create(from.AddDays(days / 2.0), from.AddDays(days / 2.0).AddHours(1), 800).Window!)).Points.Count;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name}: {points:N0} points of one tag loaded in {loaded.TotalSeconds:N1} s ({points / loaded.TotalSeconds:N0} points/s in 50k batches); rollup {rollup.TotalSeconds:N1} s"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name}: {days}-day trend in {check.Points.Count} buckets of {check.BucketWidth?.TotalMinutes} min: p50 {trend.P50:N1} ms, max {trend.Max:N1} ms from rollups ({fromRaw.P50:N0} ms from raw before the rollup); 1-hour raw trend ({hourPoints} points): p50 {hour.P50:N1} ms, max {hour.Max:N1} ms"));
    }

    private static async Task<(double P50, double Max)> TimeAsync(Func<Task<TagTrend>> query, int runs)
    {
        await query();
        var times = new List<double>();
        for (var i = 0; i < runs; i++)
        {
            var stop = Stopwatch.StartNew();
            await query();
            times.Add(stop.Elapsed.TotalMilliseconds);
        }

        times.Sort();
        return (Percentile(times, 0.5), times[^1]);
    }

    private static double Percentile(List<double> sorted, double p) => sorted.Count == 0 ? 0 : sorted[Math.Min(sorted.Count - 1, (int)(p * sorted.Count))];

    private static long WalLength(string path) => File.Exists(path + "-wal") ? new FileInfo(path + "-wal").Length : 0;

    private static long DatabaseSize(string connectionString)
    {
        using var connection = new Npgsql.NpgsqlConnection(connectionString);
        connection.Open();
        using var command = new Npgsql.NpgsqlCommand("SELECT pg_database_size(current_database())", connection);
        return (long)command.ExecuteScalar()!;
    }
}
