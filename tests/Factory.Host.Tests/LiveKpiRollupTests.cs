using System.Text.Json;
using System.Threading.Channels;
using Factory.Contracts.Events;
using Factory.Contracts.Production;
using Microsoft.AspNetCore.SignalR.Client;

namespace Factory.Host.Tests;

/// <summary>
/// The live line and site rows, summed from figures kept incrementally (each change reads only the tail of the
/// machine's log), equal a /kpis query of the same window, change after change; a planned stop added in the past
/// (the machine's figures rebuilt from the window's start) too.
/// </summary>
public sealed class LiveKpiRollupTests(RoundTheClockWebApp app) : IClassFixture<RoundTheClockWebApp>
{
    [Fact]
    public async Task Live_line_and_site_rows_equal_the_query_after_each_change()
    {
        var client = await app.ReadyClientAsync();
        await using var hub = await app.HubAsync(FactoryWebApp.ControlRoom);
        var deltas = Channel.CreateUnbounded<KpiChanged>();
        hub.On<KpiChanged>("KpiChanged", c => deltas.Writer.TryWrite(c));
        await hub.InvokeAsync<object>("SubscribeLine", "L2");
        await hub.InvokeAsync<object>("SubscribeSite", "plant-1");

        var start = DateTimeOffset.UtcNow.AddSeconds(-40);
        (object[] Events, long Produced)[] changes =
        [
            ([new { at = start, state = "Execute" }, new { at = start.AddSeconds(5), good = 7, scrap = 1 }], 8),
            ([new { at = start.AddSeconds(30), state = "Held" }, new { at = start.AddSeconds(30), good = 3 }], 3),
            ([new { at = start.AddSeconds(35), state = "Execute" }, new { at = start.AddSeconds(36), good = 4, scrap = 2 }], 6),
        ];
        long produced = 0;
        foreach (var (events, made) in changes)
        {
            await (await client.PostJsonAsync("/api/v1/machines/WLD-01/events", new { events })).OkJsonAsync();
            produced += made;
            foreach (var live in await DeltasAsync(deltas.Reader, produced, ("line", "L2"), ("site", "plant-1")))
            {
                await AssertEqualsQueryAsync(client, live);
            }
        }

        // A planned stop over the start of the production: the machine is read from the window's start again.
        await (await client.PostJsonAsync("/api/v1/machines/WLD-01/planned-stops", new
        {
            start = start.AddSeconds(-5), end = start.AddSeconds(10), kind = "PlannedMaintenance", note = "live roll-up test",
        })).OkJsonAsync();
        // One more part after it, so the delta waited for is one that read the log after the stop was added.
        await (await client.PostJsonAsync("/api/v1/machines/WLD-01/events", new { events = new object[] { new { at = DateTimeOffset.UtcNow, good = 1 } } })).OkJsonAsync();
        var line = Assert.Single(await DeltasAsync(deltas.Reader, produced + 1, ("line", "L2")));
        await AssertEqualsQueryAsync(client, line);
        // From the machine's first event on (before it, it was never observed): 10 s of the stop count as planned downtime.
        Assert.True(line.Time.Pdot >= 10, $"PDOT {line.Time.Pdot} s");
    }

    // The first delta of each entity that counts the parts posted so far (it read the log after the last post).
    private static async Task<List<KpiView>> DeltasAsync(ChannelReader<KpiChanged> deltas, long produced, params (string Entity, string Id)[] entities)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        var found = new Dictionary<(string, string), KpiView>();
        while (found.Count < entities.Length)
        {
            var live = (await deltas.ReadAsync(timeout.Token)).Kpis;
            if (entities.Contains((live.Entity, live.Id)) && live.Produced >= produced)
            {
                found.TryAdd((live.Entity, live.Id), live);
            }
        }

        return [.. entities.Select(e => found[e])];
    }

    // A live row equals the /kpis query of its window.
    private static async Task AssertEqualsQueryAsync(HttpClient client, KpiView live)
    {
        var query = await OeeApiTests.KpisAsync(client, live.Entity, live.Id, live.From, live.To);
        var time = query.GetProperty("time");
        Assert.Equal(live.Time.Pot, time.GetProperty("pot").GetDouble());
        Assert.Equal(live.Time.Pbt, time.GetProperty("pbt").GetDouble());
        Assert.Equal(live.Time.Pdot, time.GetProperty("pdot").GetDouble());
        Assert.Equal(live.Time.Apt, time.GetProperty("apt").GetDouble());
        Assert.Equal(live.Time.Adet, time.GetProperty("adet").GetDouble());
        Assert.Equal(live.Time.Apmt, time.GetProperty("apmt").GetDouble());
        Assert.Equal(live.Time.Unknown, time.GetProperty("unknown").GetDouble());
        Assert.Equal(live.Produced, query.GetProperty("produced").GetInt64());
        Assert.Equal(live.Good, query.GetProperty("good").GetInt64());
        Assert.Equal(live.Failures, query.GetProperty("failures").GetInt32());
        Assert.Equal(live.Oee, Nullable(query.GetProperty("oee")));
        Assert.Equal(live.GoodPerHour, Nullable(query.GetProperty("goodPerHour")));
    }

    private static double? Nullable(JsonElement e) => e.ValueKind == JsonValueKind.Null ? null : e.GetDouble();
}
