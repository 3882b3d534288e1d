using Microsoft.Extensions.DependencyInjection;
using Factory.Contracts.Grains;
using Factory.Contracts.Production;
using Factory.Domain.History;
using Factory.Domain.Oee;
using Factory.Grains;
using Factory.Host.History;
using Factory.Host.Production;

namespace Factory.Host.Tests;

/// <summary>
/// A data folder from before the historian (grain logs, no <c>history.db</c>) is moved into the historian at start,
/// and the KPI figures read from the historian are the ones read from the grain logs, before and after the move.
/// </summary>
public sealed class HistoryMigrationTests : IDisposable
{
    private static readonly string[] Machines = ["CNC-01", "WLD-01", "PCK-01"];

    private readonly string _data = Path.Combine(Path.GetTempPath(), "factory-migrate-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task The_grain_logs_move_into_the_historian_at_start_with_identical_KPIs()
    {
        var t = new DateTimeOffset(DateTimeOffset.UtcNow.Date.AddDays(-2), TimeSpan.Zero).AddHours(6);
        var window = new TimeRange(t, t.AddHours(8));
        ProductionKpis before;
        await using (var first = new App(_data))
        {
            var client = await first.ReadyClientAsync();
            for (var m = 0; m < Machines.Length; m++)
            {
                await (await client.PostJsonAsync($"/api/v1/machines/{Machines[m]}/events", new { events = Shift(t, m) })).OkJsonAsync();
            }

            var stop = Uri.EscapeDataString(t.AddHours(2).ToString("O"));
            await (await client.PostJsonAsync($"/api/v1/machines/WLD-01/downtime/{stop}/reason", new { code = "mechanical" })).OkJsonAsync();
            before = await KpisAsync(first, window, fromHistorian: false);
        }

        // The historian did not exist then: its file goes, the grain logs stay.
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var file in Directory.GetFiles(_data, "history.db*"))
        {
            File.Delete(file);
        }

        await using var second = new App(_data);
        await second.ReadyClientAsync();
        var migration = second.Services.GetRequiredService<HistoryMigration>();
        Assert.True(await migration.Completed.WaitAsync(TimeSpan.FromSeconds(30)) >= Machines.Length);

        var fromGrains = await KpisAsync(second, window, fromHistorian: false);
        var fromHistorian = await KpisAsync(second, window, fromHistorian: true);
        Assert.True(before.Output.Produced > 0 && before.Time.Apt > TimeSpan.Zero, "the window has production");
        Assert.Equal(before, fromGrains);
        Assert.Equal(before, fromHistorian);
        // A second run moves nothing again.
        Assert.False(await migration.MigrateAsync("CNC-01"));
    }

    // An 8-hour shift with production, a stop and counts; each machine a little different.
    private static object[] Shift(DateTimeOffset t, int m) =>
    [
        new { at = t, state = "Execute" },
        new { at = t.AddMinutes(30), good = 100 + m, scrap = 2, idealCycleTimeSeconds = 10 },
        new { at = t.AddHours(2), state = "Stopped" },
        new { at = t.AddHours(2).AddMinutes(20 + m), state = "Execute" },
        new { at = t.AddHours(3), good = 250, scrap = m, idealCycleTimeSeconds = 10 },
        new { at = t.AddHours(5), state = "Held" },
        new { at = t.AddHours(5).AddMinutes(5), state = "Execute" },
        new { at = t.AddHours(7), good = 300, scrap = 1, rework = 1, idealCycleTimeSeconds = 10 },
    ];

    // The KPIs of the machines over the window as KpiQueries computes them, from the grain logs or from the historian.
    private static async Task<ProductionKpis> KpisAsync(App app, TimeRange window, bool fromHistorian)
    {
        var grains = app.Services.GetRequiredService<IGrainFactory>();
        var historian = app.Services.GetRequiredService<IHistorian>();
        var catalog = app.Services.GetRequiredService<ProductionCatalog>();
        var production = catalog.Site(catalog.Machine(Machines[0])!.SiteId)!;
        var intervals = new List<StateInterval>();
        var counts = new List<ProductionCount>();
        var stops = new Dictionary<string, List<PlannedStop>>();
        foreach (var machine in Machines)
        {
            var log = await grains.GetGrain<IMachineLogGrain>(machine).GetLog(window.Start, window.End);
            if (fromHistorian)
            {
                log = await HistoryLogs.ReadAsync(historian, log, window.Start, window.End);
            }

            intervals.AddRange(log.Intervals(window.End));
            counts.AddRange(log.Counts.Select(c => c.ToDomain(machine)));
            stops[machine] = [.. log.Stops.Select(s => s.ToDomain())];
        }

        return OeeCalculator.ComputeMany(Machines, intervals, counts, m => production.PlannedFor(window, m, stops[m]), window, production.Classification, production.Reasons);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private sealed class App(string data) : FactoryWebApp
    {
        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Factory:DataDirectory", data);
        }
    }
}
