using System.Net;

namespace Factory.Host.Tests;

public sealed class RestartTests : IDisposable
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), "factory-restart-" + Guid.NewGuid().ToString("N"));

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

    [Fact]
    public async Task Acknowledged_writes_survive_a_SIGKILL()
    {
        await using (var first = await HostProcess.StartAsync(_data, "--Factory:Simulator:Enabled=false"))
        {
            using var client = first.Client(FactoryWebApp.Basic(FactoryWebApp.Manager));
            await (await client.PostAsync("/api/v1/workers/W08/clock-in", null)).OkJsonAsync();
            await (await client.PostJsonAsync("/api/v1/machines/WLD-02/commands", new { command = "Abort" })).OkJsonAsync();
            await (await client.PostJsonAsync("/api/v1/workorders", new
            {
                id = "T-DURABLE",
                siteId = "plant-1",
                product = "Durable part",
                quantity = 3,
                dueDate = DateTimeOffset.UtcNow.AddHours(4),
                operations = new[] { new { sequence = 10, capability = "mill", skill = "machining", standardDurationSeconds = 60 } },
            })).OkJsonAsync(HttpStatusCode.Created);

            // The last write was acknowledged above; kill at once, with no graceful shutdown.
            first.Kill();
        }

        await using var second = await HostProcess.StartAsync(_data, "--Factory:Simulator:Enabled=false");
        using var again = second.Client(FactoryWebApp.Basic(FactoryWebApp.Manager));
        var worker = await (await again.GetAsync("/api/v1/workers/W08")).OkJsonAsync();
        Assert.True(worker.GetProperty("clockedIn").GetBoolean());
        var machine = await (await again.GetAsync("/api/v1/machines/WLD-02")).OkJsonAsync();
        Assert.Contains(machine.GetProperty("state").GetString(), new[] { "Aborting", "Aborted" });
        var order = await (await again.GetAsync("/api/v1/workorders/T-DURABLE")).OkJsonAsync();
        Assert.Equal("Durable part", order.GetProperty("product").GetString());
        var site = await (await again.GetAsync("/api/v1/sites/plant-1")).OkJsonAsync();
        Assert.Contains("T-DURABLE", site.GetProperty("workOrderIds").EnumerateArray().Select(e => e.GetString()));
    }
}
