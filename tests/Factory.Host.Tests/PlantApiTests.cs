using System.Net;

namespace Factory.Host.Tests;

public sealed class PlantApiTests(FactoryWebApp app) : IClassFixture<FactoryWebApp>
{
    [Fact]
    public async Task The_demo_plant_is_served()
    {
        var client = await app.ReadyClientAsync();

        var sites = await (await client.GetAsync("/api/v1/sites")).OkJsonAsync();
        var site = Assert.Single(sites.EnumerateArray());
        Assert.Equal("plant-1", site.GetProperty("id").GetString());
        Assert.True(site.GetProperty("lineIds").GetArrayLength() >= 3);
        Assert.True(site.GetProperty("machineIds").GetArrayLength() >= 12);
        Assert.True(site.GetProperty("workerIds").GetArrayLength() >= 10);
        Assert.True(site.GetProperty("workOrderIds").GetArrayLength() >= 20);

        var lines = await (await client.GetAsync("/api/v1/lines")).OkJsonAsync();
        Assert.True(lines.GetArrayLength() >= 3);
        var machines = await (await client.GetAsync("/api/v1/machines?lineId=L1")).OkJsonAsync();
        Assert.All(machines.EnumerateArray(), m => Assert.Equal("L1", m.GetProperty("lineId").GetString()));
        Assert.Equal(20, (await (await client.GetAsync("/api/v1/workorders")).OkJsonAsync()).GetArrayLength());
        Assert.True((await (await client.GetAsync("/api/v1/workers")).OkJsonAsync()).GetArrayLength() >= 10);

        var line = await (await client.GetAsync("/api/v1/lines/L1")).OkJsonAsync();
        Assert.Contains(line.GetProperty("status").GetString(), new[] { "Running", "Degraded", "Down", "Idle" });
        var machine = await (await client.GetAsync("/api/v1/machines/CNC-01")).OkJsonAsync();
        Assert.Equal("Idle", machine.GetProperty("state").GetString()); // waiting for its first job
        Assert.Equal("Good", machine.GetProperty("quality").GetString());
        await (await client.GetAsync("/api/v1/workers/W01")).OkJsonAsync();
        await (await client.GetAsync("/api/v1/workorders/WO-1001")).OkJsonAsync();
    }

    [Theory]
    [InlineData("/api/v1/sites/nope")]
    [InlineData("/api/v1/lines/nope")]
    [InlineData("/api/v1/machines/nope")]
    [InlineData("/api/v1/workorders/nope")]
    [InlineData("/api/v1/workers/nope")]
    public async Task Unknown_ids_are_404_problem_details(string url)
    {
        var client = await app.ReadyClientAsync();
        var problem = await (await client.GetAsync(url)).ProblemAsync(HttpStatusCode.NotFound);
        Assert.Contains("nope", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task OpenApi_health_and_root_answer()
    {
        var client = await app.ReadyClientAsync();
        var doc = await (await client.GetAsync("/openapi/v1.json")).OkJsonAsync();
        var paths = doc.GetProperty("paths");
        foreach (var path in new[] { "/api/v1/machines/{id}/commands", "/api/v1/workorders/{id}/operations/{seq}/assignment", "/api/v1/workers/{id}/clock-in" })
        {
            Assert.True(paths.TryGetProperty(path, out _), $"{path} missing from the OpenAPI document");
        }

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);
    }
}
