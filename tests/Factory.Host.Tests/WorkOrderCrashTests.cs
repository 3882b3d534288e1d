using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Factory.Host.Api;

namespace Factory.Host.Tests;

/// <summary>#11 finding 3: a host that dies between creating a work order and registering it with the site leaves no orphan.</summary>
public sealed class WorkOrderCrashTests : IDisposable
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), "factory-crash-" + Guid.NewGuid().ToString("N"));

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
    public async Task A_retry_after_a_crash_inside_creation_finishes_the_registration()
    {
        var order = new
        {
            id = "T-CRASH",
            siteId = "plant-1",
            product = "Crash part",
            quantity = 2,
            dueDate = DateTimeOffset.UtcNow.AddHours(4),
            operations = new[] { new { sequence = 10, capability = "mill", skill = "machining", standardDurationSeconds = 60 } },
        };
        await using (var dying = new HostOn(_data, crash: true))
        {
            var client = await dying.ReadyClientAsync();
            // The injected failure ends the request (500 through the exception handler), then the host goes away.
            Assert.Equal(HttpStatusCode.InternalServerError, (await client.PostJsonAsync("/api/v1/workorders", order)).StatusCode);
        }

        await using var restarted = new HostOn(_data, crash: false);
        var again = await restarted.ReadyClientAsync();
        // The order was stored, the site never heard of it: the state the crash leaves behind.
        await (await again.GetAsync("/api/v1/workorders/T-CRASH")).OkJsonAsync();
        var site = await (await again.GetAsync("/api/v1/sites/plant-1")).OkJsonAsync();
        Assert.DoesNotContain("T-CRASH", site.GetProperty("workOrderIds").EnumerateArray().Select(e => e.GetString()));

        var created = await (await again.PostJsonAsync("/api/v1/workorders", order)).OkJsonAsync(HttpStatusCode.Created);
        Assert.Equal("Crash part", created.GetProperty("product").GetString());
        site = await (await again.GetAsync("/api/v1/sites/plant-1")).OkJsonAsync();
        Assert.Contains("T-CRASH", site.GetProperty("workOrderIds").EnumerateArray().Select(e => e.GetString()));
        var listed = await (await again.GetAsync("/api/v1/workorders?siteId=plant-1")).OkJsonAsync();
        Assert.Contains(listed.EnumerateArray(), o => o.GetProperty("id").GetString() == "T-CRASH");

        // Another order under the same id is still a conflict.
        await (await again.PostJsonAsync("/api/v1/workorders", order with { product = "Other part" })).ProblemAsync(HttpStatusCode.Conflict);
    }

    private sealed class HostCrash() : Exception("the host dies between creating and registering the work order");

    private sealed class CrashProbe : IWorkOrderCreationProbe
    {
        public Task CreatedAsync(string workOrderId) => throw new HostCrash();
    }

    /// <summary>The real host on a given data folder, optionally dying inside work-order creation.</summary>
    private sealed class HostOn(string data, bool crash) : FactoryWebApp
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Factory:DataDirectory", data);
            if (crash)
            {
                builder.ConfigureTestServices(s => s.AddSingleton<IWorkOrderCreationProbe, CrashProbe>());
            }
        }
    }
}
