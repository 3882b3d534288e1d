using System.Net;

namespace Factory.Host.Tests;

/// <summary>#11 finding 4: hostile numbers, ids, durations and strings are refused with 400 problem details and change nothing.</summary>
public sealed class HostileInputTests(FactoryWebApp app) : IClassFixture<FactoryWebApp>
{
    [Theory]
    [InlineData("{\"speed\":\"NaN\"}")]
    [InlineData("{\"speed\":\"Infinity\"}")]
    [InlineData("{\"speed\":\"-Infinity\"}")]
    [InlineData("{\"speed\":1e400}")]
    public async Task Numbers_that_are_not_finite_are_refused_and_not_written_or_audited(string body)
    {
        var client = await app.ReadyClientAsync();
        var before = await AuditCountAsync(client);
        var machine = await (await client.GetAsync("/api/v1/machines/WLD-01")).OkJsonAsync();

        var refused = await client.PutAsync("/api/v1/machines/WLD-01/setpoint", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        await refused.ProblemAsync(HttpStatusCode.BadRequest);

        Assert.Equal(before, await AuditCountAsync(client));
        var after = await (await client.GetAsync("/api/v1/machines/WLD-01")).OkJsonAsync();
        Assert.Equal(machine.GetProperty("version").GetInt64(), after.GetProperty("version").GetInt64());
    }

    [Theory]
    [InlineData("1e308")]
    [InlineData("\"NaN\"")]
    [InlineData("\"Infinity\"")]
    [InlineData("-1")]
    [InlineData("34560000")]
    public async Task Operation_durations_are_finite_and_bounded(string seconds)
    {
        var client = await app.ReadyClientAsync();
        var id = "T-DUR-" + Guid.NewGuid().ToString("N")[..8];
        var body = $"{{\"id\":\"{id}\",\"siteId\":\"plant-1\",\"product\":\"p\",\"quantity\":1,\"dueDate\":\"{DateTimeOffset.UtcNow.AddDays(1):O}\"," +
                   $"\"priority\":1,\"operations\":[{{\"sequence\":10,\"capability\":\"mill\",\"standardDurationSeconds\":{seconds}}}]}}";
        await (await client.PostRawAsync("/api/v1/workorders", body)).ProblemAsync(HttpStatusCode.BadRequest);
        await (await client.GetAsync($"/api/v1/workorders/{id}")).ProblemAsync(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("/api/v1/machines/%20")]
    [InlineData("/api/v1/machines/%20CNC-01")]
    [InlineData("/api/v1/machines/CNC-01%09")]
    [InlineData("/api/v1/workorders/%0A")]
    public async Task Blank_or_padded_ids_are_refused_with_400(string url)
    {
        var client = await app.ReadyClientAsync();
        await (await client.GetAsync(url)).ProblemAsync(HttpStatusCode.BadRequest);
        if (url.Contains("/machines/", StringComparison.Ordinal))
        {
            await (await client.PostJsonAsync(url + "/commands", new { command = "Stop" })).ProblemAsync(HttpStatusCode.BadRequest);
        }
    }

    [Fact]
    public async Task Long_text_is_refused_naming_the_limit_and_not_audited()
    {
        var client = await app.ReadyClientAsync();
        var before = await AuditCountAsync(client);
        var problem = await (await client.PostJsonAsync("/api/v1/machines/WLD-01/planned-stops", new
        {
            start = DateTimeOffset.UtcNow.AddDays(1),
            end = DateTimeOffset.UtcNow.AddDays(1).AddHours(1),
            note = new string('x', 2001),
        })).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("2000", problem.GetRawText());
        await (await client.PostJsonAsync("/api/v1/workorders", new
        {
            id = new string('W', 65),
            siteId = "plant-1",
            product = "p",
            quantity = 1,
            dueDate = DateTimeOffset.UtcNow.AddDays(1),
            operations = new[] { new { sequence = 10, capability = "mill", standardDurationSeconds = 60 } },
        })).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(before, await AuditCountAsync(client));
        Assert.Empty((await (await client.GetAsync("/api/v1/machines/WLD-01/planned-stops")).OkJsonAsync()).EnumerateArray());
    }

    [Fact]
    public async Task Times_outside_the_plant_range_are_refused()
    {
        var client = await app.ReadyClientAsync();
        await (await client.PostRawAsync("/api/v1/workorders",
            "{\"id\":\"T-FAR\",\"siteId\":\"plant-1\",\"product\":\"p\",\"quantity\":1,\"dueDate\":\"9999-12-31T00:00:00Z\",\"operations\":[{\"sequence\":10,\"capability\":\"mill\",\"standardDurationSeconds\":60}]}"))
            .ProblemAsync(HttpStatusCode.BadRequest);
        await (await client.GetAsync("/api/v1/kpis?entity=site&id=plant-1&from=0001-01-01T00:00:00Z&to=9999-12-31T00:00:00Z")).ProblemAsync(HttpStatusCode.BadRequest);
    }

    private static async Task<int> AuditCountAsync(HttpClient client) =>
        (await (await client.GetAsync("/api/v1/audit?limit=10000")).OkJsonAsync()).GetArrayLength();
}
