using System.Net;
using System.Text.Json;

namespace Factory.Host.Tests;

/// <summary>
/// <c>GET /machines/{id}/history</c> over the real pipeline: the simulated plant's telemetry reaches the historian
/// through OPC UA, the machine grain and the writer, and comes back as a trend with the state bands.
/// </summary>
public sealed class HistoryApiTests(SimulatedPlantTests.App app) : IClassFixture<SimulatedPlantTests.App>
{
    [Fact]
    public async Task Live_telemetry_is_in_the_history_with_the_state_bands()
    {
        var client = await app.ReadyClientAsync();
        var from = DateTimeOffset.UtcNow.AddMinutes(-10);
        // Producing, the machine's counters and speed move, so its PLC reports them.
        await (await client.PostJsonAsync("/api/v1/machines/CNC-02/commands", new { command = "Start" })).OkJsonAsync(System.Net.HttpStatusCode.Accepted);
        JsonElement history = default;
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            history = await (await client.GetAsync(Url("CNC-02", from, DateTimeOffset.UtcNow.AddMinutes(1), "speed,good"))).OkJsonAsync();
            if (history.GetProperty("tags")[0].GetProperty("points").GetArrayLength() >= 1 && history.GetProperty("tags")[1].GetProperty("points").GetArrayLength() >= 3)
            {
                break;
            }

            await Task.Delay(500);
        }

        var tags = history.GetProperty("tags").EnumerateArray().ToList();
        Assert.Equal(["speed", "good"], tags.Select(t => t.GetProperty("tag").GetString()));
        Assert.NotEmpty(tags[0].GetProperty("points").EnumerateArray());
        // The part counter only counts up, sample after sample, in time order.
        var good = tags[1].GetProperty("points").EnumerateArray().ToList();
        Assert.True(good.Count >= 3, $"good has {good.Count} points");
        Assert.Equal(JsonValueKind.Null, tags[1].GetProperty("bucketSeconds").ValueKind);
        Assert.True(good.Zip(good.Skip(1)).All(p => p.First.GetProperty("at").GetDateTimeOffset() < p.Second.GetProperty("at").GetDateTimeOffset()), "points are in time order");
        Assert.True(good.Zip(good.Skip(1)).All(p => p.First.GetProperty("last").GetDouble() <= p.Second.GetProperty("last").GetDouble()), "the counter never goes down");
        Assert.True(good[^1].GetProperty("last").GetDouble() > good[0].GetProperty("last").GetDouble(), "the machine produced");
        Assert.All(good, p => Assert.Equal(1, p.GetProperty("count").GetInt64()));
        var states = history.GetProperty("states").EnumerateArray().ToList();
        Assert.NotEmpty(states);
        Assert.Equal(JsonValueKind.Null, states[^1].GetProperty("until").ValueKind);
        Assert.All(states, s => Assert.False(string.IsNullOrEmpty(s.GetProperty("state").GetString())));
    }

    [Fact]
    public async Task Backfilled_states_are_bands_and_a_long_window_comes_back_as_buckets_within_the_budget()
    {
        var client = await app.ReadyClientAsync();
        var t = new DateTimeOffset(DateTimeOffset.UtcNow.Date.AddDays(-3), TimeSpan.Zero).AddHours(6);
        // Backfilled through the API: three state changes and an hour of a tag at 1 s.
        var events = new List<object>
        {
            new { at = t, state = "Execute" },
            new { at = t.AddMinutes(20), state = "Held" },
            new { at = t.AddMinutes(40), state = "Execute" },
        };
        events.AddRange(Enumerable.Range(0, 3600).Select(i => (object)new { at = t.AddSeconds(i).AddMilliseconds(1), tags = new Dictionary<string, double> { ["oven"] = 170 + (i % 20) } }));
        await (await client.PostJsonAsync("/api/v1/machines/PCK-02/events", new { events })).OkJsonAsync();

        var history = await (await client.GetAsync(Url("PCK-02", t, t.AddHours(1), "oven", points: 60))).OkJsonAsync();

        var oven = history.GetProperty("tags")[0];
        Assert.Equal(60, oven.GetProperty("bucketSeconds").GetDouble());
        var points = oven.GetProperty("points").EnumerateArray().ToList();
        Assert.Equal(60, points.Count);
        Assert.Equal(3600, points.Sum(p => p.GetProperty("count").GetInt64()));
        Assert.All(points, p => Assert.Equal((170d, 189d), (p.GetProperty("min").GetDouble(), p.GetProperty("max").GetDouble())));
        var bands = history.GetProperty("states").EnumerateArray()
            .Select(s => (s.GetProperty("from").GetDateTimeOffset(), s.GetProperty("state").GetString())).ToList();
        Assert.Equal([(t, "Execute"), (t.AddMinutes(20), "Held"), (t.AddMinutes(40), "Execute")], bands);
    }

    [Theory]
    [InlineData("from=2026-10-01T07:00:00Z&to=2026-10-01T06:00:00Z", "to")]
    [InlineData("from=2026-10-01T06:00:00Z&to=2026-10-01T06:00:00Z", "to")]
    [InlineData("from=2000-01-01T00:00:00Z&to=2026-10-01T06:00:00Z", "to")]
    [InlineData("from=2026-10-01T06:00:00Z&to=2026-10-01T07:00:00Z&points=0", "points")]
    [InlineData("from=2026-10-01T06:00:00Z&to=2026-10-01T07:00:00Z&points=100000", "points")]
    public async Task A_bad_range_is_a_problem_naming_the_field(string query, string field)
    {
        var client = await app.ReadyClientAsync();

        var response = await client.GetAsync($"/api/v1/machines/CNC-01/history?tag=speed&{query}");

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    [Fact]
    public async Task An_unknown_machine_is_not_found()
    {
        var client = await app.ReadyClientAsync();

        await (await client.GetAsync("/api/v1/machines/NOPE/history?tag=speed")).ProblemAsync(HttpStatusCode.NotFound);
    }

    private static string Url(string machine, DateTimeOffset from, DateTimeOffset to, string tags, int? points = null) =>
        $"/api/v1/machines/{machine}/history?tag={tags}&from={Uri.EscapeDataString(from.ToString("O"))}&to={Uri.EscapeDataString(to.ToString("O"))}" +
        (points is { } p ? $"&points={p}" : "");
}
