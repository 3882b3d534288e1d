using System.Net;
using System.Text.Json;

namespace Factory.Host.Tests;

/// <summary>What-if scenarios through the API: planned on a copy, compared with the live plan, nothing live changes.</summary>
public sealed class ScenarioApiTests(ScenarioApiTests.App app) : IClassFixture<ScenarioApiTests.App>
{
    [Fact]
    public async Task A_scenario_is_compared_with_the_live_plan_and_changes_nothing_live()
    {
        var manager = await app.ReadyClientAsync();
        var before = await LiveAsync(manager);
        var now = WholeSeconds(DateTimeOffset.UtcNow);

        var response = await manager.PostJsonAsync("/api/v1/sites/plant-1/scenarios", new
        {
            name = "CNC-01 down, rush order",
            changes = new object[]
            {
                new { kind = "machineDown", machineId = "CNC-01", from = now, to = now.AddHours(4) },
                new { kind = "workerAbsent", workerId = "W02", from = now, to = now.AddHours(2) },
                new { kind = "dueDate", workOrderId = "WO-1002", dueDate = now.AddHours(2) },
                new { kind = "priority", workOrderId = "WO-1003", priority = 5 },
                new { kind = "overtime", from = now.AddHours(8), to = now.AddHours(10) },
                new
                {
                    kind = "rushOrder",
                    order = new
                    {
                        id = "RUSH-7", product = "Spare housing", quantity = 5, dueDate = now.AddHours(3), priority = 5,
                        operations = new[] { new { sequence = 10, capability = "mill", skill = "machining", minSkillLevel = 1, standardDurationSeconds = 1800.0 } },
                    },
                },
            },
        });
        var scenario = await response.OkJsonAsync(HttpStatusCode.Created);
        var id = scenario.GetProperty("id").GetInt64();
        Assert.Equal($"/api/v1/sites/plant-1/scenarios/{id}", response.Headers.Location?.OriginalString);
        Assert.Equal("planned", scenario.GetProperty("status").GetString());
        Assert.Equal(before.Version, scenario.GetProperty("basedOnVersion").GetInt64());
        Assert.True(scenario.GetProperty("scenario").GetProperty("lateWorkOrders").GetInt32() >= 0);
        Assert.True(scenario.GetProperty("machineChanges").GetInt32() >= 0 && scenario.GetProperty("workerChanges").GetInt32() >= 0);

        // The scenario plan honours its own changes: nothing on CNC-01 while it is down, W02 idle while away, the rush order planned.
        var operations = scenario.GetProperty("operations").EnumerateArray().ToList();
        Assert.DoesNotContain(operations, o => o.GetProperty("machineId").GetString() == "CNC-01"
            && o.GetProperty("start").GetDateTimeOffset() < now.AddHours(4) && o.GetProperty("end").GetDateTimeOffset() > now.AddMinutes(1));
        Assert.DoesNotContain(operations, o => o.GetProperty("workerId").GetString() == "W02"
            && o.GetProperty("start").GetDateTimeOffset() < now.AddHours(2) && o.GetProperty("end").GetDateTimeOffset() > now.AddMinutes(1));
        Assert.Contains(operations, o => o.GetProperty("workOrderId").GetString() == "RUSH-7");
        var rush = scenario.GetProperty("orders").EnumerateArray().Single(o => o.GetProperty("workOrderId").GetString() == "RUSH-7");
        Assert.Equal(JsonValueKind.Null, rush.GetProperty("liveEnd").ValueKind);
        Assert.Contains(scenario.GetProperty("notes").EnumerateArray(), n => n.GetString()!.Contains("overtime", StringComparison.Ordinal));

        // Nothing live changed: plan version and operations, work orders, machines; the rush order does not exist.
        var after = await LiveAsync(manager);
        Assert.Equal(before.Version, after.Version);
        Assert.Equal(before.Operations, after.Operations);
        Assert.Equal(before.WorkOrders, after.WorkOrders);
        Assert.Equal(before.Machines, after.Machines);
        await (await manager.GetAsync("/api/v1/workorders/RUSH-7")).ProblemAsync(HttpStatusCode.NotFound);

        var kept = await (await manager.GetAsync($"/api/v1/sites/plant-1/scenarios/{id}")).OkJsonAsync();
        Assert.Equal(scenario.GetProperty("operations").GetArrayLength(), kept.GetProperty("operations").GetArrayLength());
        var all = await (await manager.GetAsync("/api/v1/sites/plant-1/scenarios")).OkJsonAsync();
        Assert.Equal(id, all[0].GetProperty("id").GetInt64());

        // The control room reads scenarios but cannot run, propose or apply them.
        var control = await app.ReadyClientAsync(FactoryWebApp.ControlRoom);
        await (await control.GetAsync($"/api/v1/sites/plant-1/scenarios/{id}")).OkJsonAsync();
        await (await control.PostJsonAsync("/api/v1/sites/plant-1/scenarios", new { changes = new[] { new { kind = "priority", workOrderId = "WO-1003", priority = 2 } } }))
            .ProblemAsync(HttpStatusCode.Forbidden);
        await (await control.PostAsync($"/api/v1/sites/plant-1/scenarios/{id}/apply", null)).ProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal(before.Version, (await LiveAsync(manager)).Version);
    }

    [Fact]
    public async Task Bad_scenarios_are_refused_with_problem_details_and_change_nothing()
    {
        var manager = await app.ReadyClientAsync();
        var before = await LiveAsync(manager);
        var now = WholeSeconds(DateTimeOffset.UtcNow);
        object[] bad =
        [
            new { changes = Array.Empty<object>() },
            new { changes = Enumerable.Range(0, 21).Select(_ => new { kind = "priority", workOrderId = "WO-1003", priority = 2 }).ToArray() },
            new { changes = new[] { new { kind = "meteorStrike" } } },
            new { changes = new[] { new { kind = "1" } } },
            new { changes = new[] { new { kind = "machineDown", machineId = "CNC-01", from = now, to = now.AddHours(-1) } } },
            new { changes = new[] { new { kind = "machineDown", machineId = "CNC-01", from = now, to = now.AddDays(40) } } },
            new { changes = new[] { new { kind = "machineDown", machineId = "CNC-01", from = now.AddDays(100), to = now.AddDays(101) } } },
            new { changes = new[] { new { kind = "priority", workOrderId = "WO-1003", priority = 0 } } },
            new { changes = new[] { new { kind = "machineDown", machineId = "NOPE-1", from = now, to = now.AddHours(1) } } },
            new { changes = new[] { new { kind = "dueDate", workOrderId = "WO-NOPE", dueDate = now.AddHours(1) } } },
            new { changes = new[] { new { kind = "rushOrder", order = new { id = "WO-1001", dueDate = now.AddHours(3), operations = new[] { new { sequence = 1, capability = "mill", standardDurationSeconds = 60.0 } } } } } },
            new { changes = new[] { new { kind = "rushOrder", order = new { dueDate = now.AddHours(3), operations = new[] { new { sequence = 1, capability = "levitate", standardDurationSeconds = 60.0 } } } } } },
            new { name = new string('x', 101), changes = new[] { new { kind = "priority", workOrderId = "WO-1003", priority = 2 } } },
        ];

        foreach (var body in bad)
        {
            var problem = await (await manager.PostJsonAsync("/api/v1/sites/plant-1/scenarios", body)).ProblemAsync(HttpStatusCode.BadRequest);
            Assert.True(problem.TryGetProperty("errors", out _) || problem.TryGetProperty("detail", out _), problem.ToString());
        }

        await (await manager.PostRawAsync("/api/v1/sites/plant-1/scenarios", "{\"changes\": [")).ProblemAsync(HttpStatusCode.BadRequest);
        await (await manager.PostJsonAsync("/api/v1/sites/nowhere/scenarios", new { changes = new[] { new { kind = "priority", workOrderId = "WO-1003", priority = 2 } } }))
            .ProblemAsync(HttpStatusCode.NotFound);
        await (await manager.GetAsync("/api/v1/sites/plant-1/scenarios/99999")).ProblemAsync(HttpStatusCode.NotFound);
        await (await manager.PostAsync("/api/v1/sites/plant-1/scenarios/99999/apply", null)).ProblemAsync(HttpStatusCode.NotFound);

        var after = await LiveAsync(manager);
        Assert.Equal(before, after);
    }

    [Fact]
    public async Task A_scenario_is_proposed_or_applied_and_refused_once_the_live_plan_moved_on()
    {
        var manager = await app.ReadyClientAsync();
        var now = WholeSeconds(DateTimeOffset.UtcNow);
        var down = new { changes = new[] { new { kind = "machineDown", machineId = "CNC-02", from = now, to = now.AddHours(3) } } };
        var first = await (await manager.PostJsonAsync("/api/v1/sites/plant-1/scenarios", down)).OkJsonAsync(HttpStatusCode.Created);
        var firstId = first.GetProperty("id").GetInt64();

        // The live plan moves on (a second driller clocks in and takes work): the scenario is stale.
        var version = (await LiveAsync(manager)).Version;
        await (await manager.PostAsync("/api/v1/workers/W12/clock-in", null)).OkJsonAsync();
        await WaitAsync(async () => (await LiveAsync(manager)).Version > version);
        await (await manager.PostAsync($"/api/v1/sites/plant-1/scenarios/{firstId}/apply", null)).ProblemAsync(HttpStatusCode.Conflict);
        await (await manager.PostAsync($"/api/v1/sites/plant-1/scenarios/{firstId}/propose", null)).ProblemAsync(HttpStatusCode.Conflict);

        // A fresh one is proposed (the pending proposal comes from the scenario), then applied.
        var second = await (await manager.PostJsonAsync("/api/v1/sites/plant-1/scenarios", down)).OkJsonAsync(HttpStatusCode.Created);
        var secondId = second.GetProperty("id").GetInt64();
        var proposed = await (await manager.PostAsync($"/api/v1/sites/plant-1/scenarios/{secondId}/propose", null)).OkJsonAsync();
        Assert.Contains($"scenario {secondId}", proposed.GetProperty("proposal").GetProperty("trigger").GetString(), StringComparison.Ordinal);
        Assert.Equal(second.GetProperty("basedOnVersion").GetInt64(), proposed.GetProperty("version").GetInt64());

        var applied = await (await manager.PostAsync($"/api/v1/sites/plant-1/scenarios/{secondId}/apply", null)).OkJsonAsync();
        Assert.Equal(second.GetProperty("basedOnVersion").GetInt64() + 1, applied.GetProperty("version").GetInt64());
        Assert.Contains($"scenario {secondId}", applied.GetProperty("trigger").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(applied.GetProperty("operations").EnumerateArray(), o => o.GetProperty("machineId").GetString() == "CNC-02"
            && o.GetProperty("start").GetDateTimeOffset() < now.AddHours(3) && o.GetProperty("end").GetDateTimeOffset() > now.AddMinutes(1));
        Assert.Equal("applied", (await (await manager.GetAsync($"/api/v1/sites/plant-1/scenarios/{secondId}")).OkJsonAsync()).GetProperty("status").GetString());
        await (await manager.PostAsync($"/api/v1/sites/plant-1/scenarios/{secondId}/apply", null)).ProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task A_scenario_re_places_the_maintenance_due_and_a_proposal_of_it_carries_those_slots()
    {
        var manager = await app.ReadyClientAsync();
        var now = WholeSeconds(DateTimeOffset.UtcNow);
        // An order placed ahead of it: a slot the live plan starts now has begun by the time the scenario is asked, and a
        // begun slot rightly stays where it is; the order behind it starts 10 minutes later at the earliest.
        foreach (var id in new[] { "MO-SCN-TST-00", "MO-SCN-TST-01" })
        {
            await (await manager.PostJsonAsync("/api/v1/maintenance/orders", new
            {
                id, machineId = "TST-01", kind = "Preventive", reason = "Calibrate probe", estimatedSeconds = 600, dueBy = now.AddHours(4),
            })).OkJsonAsync();
        }

        try
        {
            await WaitAsync(async () => (await (await manager.GetAsync("/api/v1/sites/plant-1/plan")).OkJsonAsync())
                .GetProperty("maintenance").EnumerateArray().Count(m => m.GetProperty("orderId").GetString() is "MO-SCN-TST-00" or "MO-SCN-TST-01") == 2);

            // The tester is down for the next hour in the scenario: its maintenance is placed again, after the down hour, in its window.
            var scenario = await (await manager.PostJsonAsync("/api/v1/sites/plant-1/scenarios", new
            {
                changes = new[] { new { kind = "machineDown", machineId = "TST-01", from = now, to = now.AddHours(1) } },
            })).OkJsonAsync(HttpStatusCode.Created);
            Assert.Equal("planned", scenario.GetProperty("status").GetString());
            var slot = Assert.Single(scenario.GetProperty("maintenance").EnumerateArray(), m => m.GetProperty("orderId").GetString() == "MO-SCN-TST-01");
            Assert.Equal("TST-01", slot.GetProperty("machineId").GetString());
            Assert.InRange(slot.GetProperty("start").GetDateTimeOffset(), now.AddHours(1), now.AddHours(4));
            Assert.True(slot.GetProperty("end").GetDateTimeOffset() <= now.AddHours(4), $"the slot ends after the order is due: {slot}");

            // The live plant can follow it: proposed, the proposal holds the scenario's slot, not the live one.
            var proposed = await (await manager.PostAsync($"/api/v1/sites/plant-1/scenarios/{scenario.GetProperty("id").GetInt64()}/propose", null)).OkJsonAsync();
            var proposal = proposed.GetProperty("proposal");
            var proposedSlot = Assert.Single(proposal.GetProperty("maintenance").EnumerateArray(), m => m.GetProperty("orderId").GetString() == "MO-SCN-TST-01");
            Assert.Equal(slot.GetProperty("start").GetDateTimeOffset(), proposedSlot.GetProperty("start").GetDateTimeOffset());
            await (await manager.PostAsync($"/api/v1/sites/plant-1/plan/proposals/{proposal.GetProperty("id").GetInt64()}/reject", null)).OkJsonAsync();
        }
        finally
        {
            foreach (var id in new[] { "MO-SCN-TST-00", "MO-SCN-TST-01" })
            {
                (await manager.PostJsonAsync($"/api/v1/maintenance/orders/{id}/cancel", new { reason = "test done" })).Dispose();
            }

            // The next test compares with a plan that stays still: the re-plan the cancellations cause lands first.
            await WaitAsync(async () => !(await (await manager.GetAsync("/api/v1/sites/plant-1/plan")).OkJsonAsync())
                .GetProperty("maintenance").EnumerateArray().Any(m => m.GetProperty("orderId").GetString() is "MO-SCN-TST-00" or "MO-SCN-TST-01"));
        }
    }

    /// <summary>The plan counts in whole seconds: windows sent in whole seconds are compared exactly.</summary>
    private static DateTimeOffset WholeSeconds(DateTimeOffset t) => new(t.Ticks - (t.Ticks % TimeSpan.TicksPerSecond), TimeSpan.Zero);

    private static async Task WaitAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the condition did not hold within 15 s");
            await Task.Delay(50);
        }
    }

    /// <summary>What must not change: the plan (version and operations), every work order, every machine's state and availability.</summary>
    private static async Task<Live> LiveAsync(HttpClient client)
    {
        var plan = await (await client.GetAsync("/api/v1/sites/plant-1/plan")).OkJsonAsync();
        var orders = await (await client.GetAsync("/api/v1/workorders?siteId=plant-1")).OkJsonAsync();
        var machines = await (await client.GetAsync("/api/v1/machines?siteId=plant-1")).OkJsonAsync();
        return new Live(
            plan.GetProperty("version").GetInt64(),
            plan.GetProperty("operations").GetRawText(),
            orders.GetRawText(),
            string.Join(";", machines.EnumerateArray().Select(m =>
                $"{m.GetProperty("id").GetString()}:{m.GetProperty("state").GetString()}:{m.GetProperty("available").GetBoolean()}")));
    }

    private sealed record Live(long Version, string Operations, string WorkOrders, string Machines);

    /// <summary>The host with the optimizer off, so no background improvement moves the live plan during a test.</summary>
    public sealed class App : FactoryWebApp
    {
        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Factory:Dispatch:OptimizerTimeLimit", "00:00:00");
            builder.UseSetting("Factory:Dispatch:ScenarioTimeLimit", "00:00:01");
            // A placed maintenance slot stays a slot (not the order's window) while the maintenance test compares it.
            builder.UseSetting("Factory:Plant:MaintenanceEvaluationInterval", "1.00:00:00");
        }
    }
}
