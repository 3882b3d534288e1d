using System.Net;
using System.Text.Json;

namespace Factory.Host.Tests;

/// <summary><c>GET /machines/{id}/states</c>: the recorded history the dashboard's timeline starts from.</summary>
public sealed class MachineHistoryApiTests(FactoryWebApp app) : IClassFixture<FactoryWebApp>
{
    [Fact]
    public async Task States_come_back_in_order_clipped_to_the_window_with_quality_and_reason()
    {
        var client = await app.ReadyClientAsync();
        var t = new DateTimeOffset(2026, 11, 10, 6, 0, 0, TimeSpan.Zero);
        await (await client.PostJsonAsync("/api/v1/machines/PCK-01/events", new
        {
            events = new object[]
            {
                new { at = t, state = "Execute" },
                new { at = t.AddMinutes(30), state = "Stopped", reasonCode = "changeover" },
                new { at = t.AddMinutes(45), state = "Execute" },
                new { at = t.AddMinutes(90), state = "Aborted" },
            },
        })).OkJsonAsync();

        var spans = await StatesAsync(client, t.AddMinutes(10), t.AddMinutes(60));

        Assert.Equal(["Execute", "Stopped", "Execute"], spans.Select(s => s.GetProperty("state").GetString()));
        Assert.Equal(t.AddMinutes(10), spans[0].GetProperty("start").GetDateTimeOffset());
        Assert.Equal(t.AddMinutes(30), spans[1].GetProperty("start").GetDateTimeOffset());
        Assert.Equal(t.AddMinutes(45), spans[1].GetProperty("end").GetDateTimeOffset());
        Assert.Equal("changeover", spans[1].GetProperty("reasonCode").GetString());
        Assert.Equal(t.AddMinutes(60), spans[2].GetProperty("end").GetDateTimeOffset());
        Assert.All(spans, s => Assert.Equal("Good", s.GetProperty("quality").GetString()));
        for (var i = 1; i < spans.Count; i++)
        {
            Assert.Equal(spans[i - 1].GetProperty("end").GetDateTimeOffset(), spans[i].GetProperty("start").GetDateTimeOffset());
        }
    }

    [Fact]
    public async Task Without_a_window_the_history_is_the_current_shift_so_far_and_bad_queries_are_refused()
    {
        var client = await app.ReadyClientAsync();
        var now = DateTimeOffset.UtcNow;
        var spans = (await (await client.GetAsync("/api/v1/machines/PCK-02/states")).OkJsonAsync()).EnumerateArray().ToList();
        if (spans.Count > 0)
        {
            Assert.True(spans[0].GetProperty("start").GetDateTimeOffset() >= now.AddHours(-24));
            Assert.InRange(spans[^1].GetProperty("end").GetDateTimeOffset(), now.AddMinutes(-1), now.AddMinutes(1));
        }

        await (await client.GetAsync("/api/v1/machines/NOPE/states")).ProblemAsync(HttpStatusCode.NotFound);
        await (await client.GetAsync(Url("PCK-02", now, now.AddHours(-1)))).ProblemAsync(HttpStatusCode.BadRequest);
        await (await client.GetAsync(Url("PCK-02", now.AddDays(-60), now))).ProblemAsync(HttpStatusCode.BadRequest);
    }

    private static string Url(string machine, DateTimeOffset from, DateTimeOffset to) =>
        $"/api/v1/machines/{machine}/states?from={Uri.EscapeDataString(from.ToString("O"))}&to={Uri.EscapeDataString(to.ToString("O"))}";

    private static async Task<List<JsonElement>> StatesAsync(HttpClient client, DateTimeOffset from, DateTimeOffset to) =>
        [.. (await (await client.GetAsync(Url("PCK-01", from, to))).OkJsonAsync()).EnumerateArray()];
}
