using System.Net;
using System.Text.Json;
using System.Threading.Channels;
using Factory.Contracts.Grains;
using Factory.Contracts.Views;
using Factory.Domain.PackMl;
using Factory.Domain.Plant;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Factory.Host.Tests.Costs;

/// <summary>
/// <c>GET /api/v1/costs</c> and the hub's <c>CostChanged</c> on the real host with the demo plant (machines driven through
/// the API, release by hand): expected amounts are worked out in the test from the demo's rates and the recorded runs.
/// </summary>
public sealed class CostApiTests(FactoryWebApp app) : IClassFixture<FactoryWebApp>
{
    // The demo plant's rates (plants/demo.json, costs), copied by hand so the test checks the file is read as written.
    private static readonly Dictionary<string, (decimal Running, decimal Idle)> Machines = new()
    {
        ["CNC-01"] = (72m, 18m), ["CNC-02"] = (64m, 16m), ["CNC-03"] = (70m, 17m), ["CNC-04"] = (58m, 14m), ["DRL-01"] = (38m, 9m),
        ["ASM-01"] = (34m, 8m), ["ASM-02"] = (30m, 7m), ["WLD-01"] = (52m, 12m), ["WLD-02"] = (46m, 11m), ["TST-01"] = (44m, 10m),
        ["INS-01"] = (26m, 6m), ["LBL-01"] = (18m, 4m), ["PCK-01"] = (22m, 5m), ["PCK-02"] = (20m, 5m),
    };

    [Fact]
    public async Task A_run_costs_its_machine_its_worker_and_the_material_against_the_order_budget()
    {
        var client = await app.ReadyClientAsync();
        var before = Single(await (await client.GetAsync("/api/v1/costs?entity=workorder&id=WO-1001")).OkJsonAsync());
        Assert.Equal(("EUR", 450m, 0m, -450m), (S(before, "currency"), M(before, "budget"), M(before.GetProperty("actual"), "total"), M(before, "variance")));
        Assert.True(M(before.GetProperty("planned"), "total") > 20 * 18.5m, "the plan's cost includes the material of all 20 housings");

        var released = await (await client.PostJsonAsync("/api/v1/workorders/WO-1001/operations/10/release", new { })).OkJsonAsync();
        var machine = S(Op(released, 10), "machineId");
        await HttpJson.WaitAsync(client, "/api/v1/workorders/WO-1001", o => S(Op(o, 10), "status") == "Running");
        await CountAsync(client, "WO-1001", machine, good: 5, scrap: 1);
        var done = await (await client.PostJsonAsync("/api/v1/workorders/WO-1001/operations/10/complete", new { reason = "cost test stops early" })).OkJsonAsync();

        var run = Assert.Single(Op(done, 10).GetProperty("runs").EnumerateArray());
        var (releasedAt, startedAt, endedAt) = (T(run, "releasedAt"), T(run, "startedAt"), T(run, "endedAt"));
        var worker = S(run, "workerId");
        var labourRate = worker switch { "W01" => 42m, "W04" => 40m, _ => 34m }; // own rate, else drilling's
        var expected = new
        {
            labour = Cents(Hours(endedAt - releasedAt) * labourRate),
            machine = Cents(Hours(endedAt - startedAt) * Machines[machine].Running + Hours(startedAt - releasedAt) * Machines[machine].Idle),
            material = 6 * 18.5m, // 5 good and 1 scrap housings entered the routing
            scrap = 3.5m,
        };
        var cost = Single(await (await client.GetAsync("/api/v1/costs?entity=workorder&id=WO-1001")).OkJsonAsync());
        var actual = cost.GetProperty("actual");
        Assert.Equal(expected, new { labour = M(actual, "labour"), machine = M(actual, "machine"), material = M(actual, "material"), scrap = M(actual, "scrap") });
        Assert.Equal(0m, M(actual, "idle"));
        Assert.Equal(M(actual, "labour") + M(actual, "machine") + M(actual, "material") + M(actual, "scrap"), M(actual, "total"));
        Assert.Equal(M(actual, "total") - 450m, M(cost, "variance"));
        Assert.True(M(cost.GetProperty("planned"), "total") > M(actual, "total"), "the rest of the order is still planned");
    }

    [Fact]
    public async Task Bad_queries_are_refused_with_problem_details()
    {
        var client = await app.ReadyClientAsync();
        await (await client.GetAsync("/api/v1/costs?entity=planet&id=x")).ProblemAsync(HttpStatusCode.BadRequest);
        await (await client.GetAsync("/api/v1/costs?entity=line")).ProblemAsync(HttpStatusCode.BadRequest);
        await (await client.GetAsync("/api/v1/costs?entity=site&id=plant-1&from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z")).ProblemAsync(HttpStatusCode.BadRequest);
        await (await client.GetAsync("/api/v1/costs?entity=site&id=plant-1&from=2026-01-01T00:00:00Z&to=2026-06-01T00:00:00Z")).ProblemAsync(HttpStatusCode.BadRequest);
        await (await client.GetAsync("/api/v1/costs?entity=site&id=plant-1&from=yesterday")).ProblemAsync(HttpStatusCode.BadRequest);
        await (await client.GetAsync("/api/v1/costs?entity=workorder&id=WO-NONE")).ProblemAsync(HttpStatusCode.NotFound);
        await (await client.GetAsync("/api/v1/costs?entity=line&id=L9")).ProblemAsync(HttpStatusCode.NotFound);
        await (await client.GetAsync("/api/v1/costs?entity=workorder&siteId=nowhere")).ProblemAsync(HttpStatusCode.NotFound);
        await (await client.GetAsync("/api/v1/costs.csv?entity=site&id=nowhere")).ProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.Unauthorized, (await (await app.ReadyClientAsync(null)).GetAsync("/api/v1/costs?entity=site&id=plant-1")).StatusCode);

        var all = (await (await client.GetAsync("/api/v1/costs?entity=workorder&siteId=plant-1")).OkJsonAsync()).EnumerateArray().ToList();
        Assert.Equal(20, all.Count(r => M(r, "budget") > 0)); // every order of the demo has a budget
    }

    [Fact]
    public async Task A_live_order_sends_its_cost_on_the_hub()
    {
        var client = await app.ReadyClientAsync();
        await using var hub = await app.HubAsync();
        var changes = Channel.CreateUnbounded<JsonElement>();
        hub.On<JsonElement>("CostChanged", c => changes.Writer.TryWrite(c));
        await hub.InvokeAsync<JsonElement>("SubscribeSite", "plant-1");

        var released = await (await client.PostJsonAsync("/api/v1/workorders/WO-1002/operations/10/release", new { })).OkJsonAsync();
        var machine = S(Op(released, 10), "machineId");
        await HttpJson.WaitAsync(client, "/api/v1/workorders/WO-1002", o => S(Op(o, 10), "status") == "Running");
        await CountAsync(client, "WO-1002", machine, good: 2, scrap: 0);

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        JsonElement change;
        do
        {
            change = await changes.Reader.ReadAsync(timeout.Token);
        }
        while (S(change, "workOrderId") != "WO-1002" || M(change.GetProperty("actual"), "material") == 0m);

        // Pump shafts: material 9.80 each, entered with the 2 counted.
        Assert.Equal(("plant-1", "EUR", 2 * 9.8m, 260m), (S(change, "siteId"), S(change, "currency"), M(change.GetProperty("actual"), "material"), M(change, "budget")));
        Assert.Equal(M(change.GetProperty("actual"), "total") - 260m, M(change, "variance"));
        Assert.True(change.GetProperty("version").GetInt64() > released.GetProperty("version").GetInt64());
    }

    /// <summary>
    /// The machine's counters as its connector delivers them: a baseline, then the counts, repeated as a PLC's
    /// subscription repeats them until the job shows them (the grain reports progress at most once a second). The job is
    /// credited from counter deltas, which the API's machine events (for the KPIs' log) do not touch.
    /// </summary>
    private async Task CountAsync(HttpClient client, string orderId, string machine, long good, long scrap)
    {
        var grain = app.Services.GetRequiredService<IGrainFactory>().GetGrain<IMachineGrain>(machine);
        MachineTelemetry Counters(long g, long s) =>
            new("cost-test", PackMlState.Execute, null, null, g + s, g, s, null, null, null, null, DataQuality.Good, DateTimeOffset.UtcNow, 3);
        await grain.ApplyTelemetry(Counters(0, 0));
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            await grain.ApplyTelemetry(Counters(good, scrap));
            var op = Op(await (await client.GetAsync($"/api/v1/workorders/{orderId}")).OkJsonAsync(), 10);
            if (op.GetProperty("good").GetInt64() == good && op.GetProperty("scrap").GetInt64() == scrap)
            {
                return;
            }

            Assert.True(DateTime.UtcNow < deadline, $"the job was not credited within 20 s; last: {op}");
            await Task.Delay(200);
        }
    }

    private static JsonElement Single(JsonElement rows) => Assert.Single(rows.EnumerateArray());

    private static JsonElement Op(JsonElement order, int sequence) =>
        order.GetProperty("operations").EnumerateArray().Single(o => o.GetProperty("sequence").GetInt32() == sequence);

    private static string S(JsonElement e, string name) => e.GetProperty(name).GetString()!;

    private static decimal M(JsonElement e, string name) => e.GetProperty(name).GetDecimal();

    private static DateTimeOffset T(JsonElement e, string name) => e.GetProperty(name).GetDateTimeOffset();

    private static decimal Hours(TimeSpan span) => span <= TimeSpan.Zero ? 0m : (decimal)span.Ticks / TimeSpan.TicksPerHour;

    private static decimal Cents(decimal value) => Math.Round(value, 2, MidpointRounding.AwayFromZero);
}
