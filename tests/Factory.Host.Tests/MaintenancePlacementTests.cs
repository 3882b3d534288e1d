using System.Net;
using System.Text.Json;

namespace Factory.Host.Tests;

/// <summary>
/// Due maintenance orders without a window, placed by the dispatcher through the real pipeline: in their due window, with a
/// qualified worker, production planned around them, the slot shown on the order; in proposal mode only once accepted.
/// The optimizer is off so the plan read is the dispatcher's own (the constructive planner places the task first-fit).
/// </summary>
public sealed class MaintenancePlacementTests(MaintenancePlacementTests.App app) : IClassFixture<MaintenancePlacementTests.App>
{
    // TST-01 is the demo plant's only tester: its work cannot go elsewhere, so it must come back after the slot.
    private const string Machine = "TST-01";

    [Fact]
    public async Task A_due_order_without_a_window_is_placed_in_its_due_window_and_production_comes_back_after_it()
    {
        var client = await app.ReadyClientAsync();
        var now = DateTimeOffset.UtcNow;
        var before = (await PlanAsync(client)).GetProperty("operations").EnumerateArray().ToList();
        var first = before.Where(op => OnMachine(op)).Min(op => op.GetProperty("start").GetDateTimeOffset());
        // Long enough to reach past the start of the tester's first planned operation: that one has to move.
        var duration = TimeSpan.FromSeconds(Math.Ceiling(((first > now ? first : now) - now).TotalSeconds)) + TimeSpan.FromMinutes(30);
        var dueBy = now + duration + TimeSpan.FromHours(6);

        var created = await (await client.PostJsonAsync("/api/v1/maintenance/orders", new
        {
            id = "MO-DUE-1", machineId = Machine, kind = "Preventive", reason = "Calibrate tester", skill = "electrician",
            estimatedSeconds = duration.TotalSeconds, dueBy,
        })).OkJsonAsync();
        Assert.Equal("Requested", created.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, created.GetProperty("windowStart").ValueKind);
        try
        {
            var (plan, slot) = await PlacedAsync(client, "MO-DUE-1", inForce: true);
            var (start, end) = (slot.GetProperty("start").GetDateTimeOffset(), slot.GetProperty("end").GetDateTimeOffset());
            Assert.Equal(Machine, slot.GetProperty("machineId").GetString());
            // The only clocked-in electrician is booked for it.
            Assert.Equal("W14", slot.GetProperty("workerId").GetString());
            Assert.Equal(duration, end - start);
            Assert.InRange(start, now.AddSeconds(-1), dueBy - duration);
            Assert.True(end <= dueBy);

            // Production is planned around the slot: nothing on the tester in it, what was in it comes after, nothing lost.
            var during = plan.GetProperty("operations").EnumerateArray().ToList();
            Assert.Contains(before, op => OnMachine(op) && Overlaps(op, start, end));
            Assert.DoesNotContain(during, op => OnMachine(op) && Overlaps(op, start, end));
            Assert.Contains(during, op => OnMachine(op) && op.GetProperty("start").GetDateTimeOffset() >= end);
            Assert.Equal(before.Count, during.Count);
            Assert.DoesNotContain(plan.GetProperty("unplanned").EnumerateArray(), u => u.GetString()!.Contains("MO-DUE-1", StringComparison.Ordinal));

            // The order shows the slot from the plan in force; no stop is written for a slot the plan may still move.
            var order = await (await client.GetAsync("/api/v1/maintenance/orders/MO-DUE-1")).OkJsonAsync();
            Assert.Equal(start, order.GetProperty("plannedStart").GetDateTimeOffset());
            Assert.Equal(end, order.GetProperty("plannedEnd").GetDateTimeOffset());
            Assert.Equal("W14", order.GetProperty("plannedWorkerId").GetString());
            Assert.Equal("Requested", order.GetProperty("status").GetString());
            Assert.Empty(await StopsAsync(client));

            // Started in its slot, the order takes the slot as its window: a planned-maintenance stop on the machine, fixed now.
            order = await (await client.PostJsonAsync("/api/v1/maintenance/orders/MO-DUE-1/start", new { who = "noah" })).OkJsonAsync();
            Assert.Equal("InProgress", order.GetProperty("status").GetString());
            Assert.Equal(start, order.GetProperty("windowStart").GetDateTimeOffset());
            Assert.Equal(end, order.GetProperty("windowEnd").GetDateTimeOffset());
            var stop = Assert.Single(await StopsAsync(client));
            Assert.Equal("PlannedMaintenance", stop.GetProperty("kind").GetString());
            Assert.Equal(start, stop.GetProperty("start").GetDateTimeOffset());
            var fixedPlan = await EventuallyAsync(client, p => !Placed(p, "MO-DUE-1", inForce: true).Any());
            Assert.DoesNotContain(fixedPlan.GetProperty("operations").EnumerateArray(), op => OnMachine(op) && Overlaps(op, DateTimeOffset.UtcNow, end));
        }
        finally
        {
            await (await client.PostJsonAsync("/api/v1/maintenance/orders/MO-DUE-1/cancel", new { reason = "test done" })).OkJsonAsync();
        }

        // Cancelled: no slot, no stop, the tester's work may come back to where it was.
        await EventuallyAsync(client, p => !Placed(p, "MO-DUE-1", inForce: true).Any());
        Assert.Empty(await StopsAsync(client));
        var cancelled = await (await client.GetAsync("/api/v1/maintenance/orders/MO-DUE-1")).OkJsonAsync();
        Assert.Equal(JsonValueKind.Null, cancelled.GetProperty("plannedStart").ValueKind);
    }

    [Fact]
    public async Task In_proposal_mode_the_placement_is_part_of_the_proposal_and_applied_with_it()
    {
        var client = await app.ReadyClientAsync();
        await (await client.PutJsonAsync("/api/v1/sites/plant-1/plan/mode", new { mode = "Proposal" })).OkJsonAsync();
        try
        {
            await (await client.PostJsonAsync("/api/v1/maintenance/orders", new
            {
                id = "MO-DUE-2", machineId = Machine, kind = "Preventive", reason = "Clean probes", estimatedSeconds = 1800,
                dueBy = DateTimeOffset.UtcNow.AddHours(8),
            })).OkJsonAsync();

            var (pending, proposed) = await PlacedAsync(client, "MO-DUE-2", inForce: false);
            Assert.Empty(Placed(pending, "MO-DUE-2", inForce: true));
            Assert.Equal(JsonValueKind.Null, proposed.GetProperty("workerId").ValueKind);
            var order = await (await client.GetAsync("/api/v1/maintenance/orders/MO-DUE-2")).OkJsonAsync();
            Assert.Equal(JsonValueKind.Null, order.GetProperty("plannedStart").ValueKind);

            // Accept the pending proposal (a newer one may supersede it in between: then that one is taken).
            JsonElement? accepted = null;
            for (var attempt = 0; accepted is null && attempt < 5; attempt++)
            {
                var id = (await PlanAsync(client)).GetProperty("proposal").GetProperty("id").GetInt64();
                var response = await client.PostAsync($"/api/v1/sites/plant-1/plan/proposals/{id}/accept", null);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    accepted = await PlanAsync(client);
                }
            }

            Assert.NotNull(accepted);
            var slot = Assert.Single(Placed(accepted.Value, "MO-DUE-2", inForce: true));
            order = await (await client.GetAsync("/api/v1/maintenance/orders/MO-DUE-2")).OkJsonAsync();
            Assert.Equal(slot.GetProperty("start").GetDateTimeOffset(), order.GetProperty("plannedStart").GetDateTimeOffset());
            Assert.Equal(slot.GetProperty("end").GetDateTimeOffset(), order.GetProperty("plannedEnd").GetDateTimeOffset());
            Assert.DoesNotContain(accepted.Value.GetProperty("operations").EnumerateArray(),
                op => OnMachine(op) && Overlaps(op, slot.GetProperty("start").GetDateTimeOffset(), slot.GetProperty("end").GetDateTimeOffset()));
        }
        finally
        {
            await (await client.PostJsonAsync("/api/v1/maintenance/orders/MO-DUE-2/cancel", new { reason = "test done" })).OkJsonAsync();
            await (await client.PutJsonAsync("/api/v1/sites/plant-1/plan/mode", new { mode = "AutoApply" })).OkJsonAsync();
        }
    }

    [Fact]
    public async Task A_slot_that_has_begun_becomes_the_orders_window_and_a_planned_maintenance_stop_though_nobody_started_it()
    {
        var client = await app.ReadyClientAsync();
        await (await client.PostJsonAsync("/api/v1/maintenance/orders", new
        {
            id = "MO-DUE-3", machineId = Machine, kind = "Preventive", reason = "Replace probe tips", estimatedSeconds = 1800,
            dueBy = DateTimeOffset.UtcNow.AddHours(8),
        })).OkJsonAsync();
        try
        {
            var (_, slot) = await PlacedAsync(client, "MO-DUE-3", inForce: true);
            var (start, end) = (slot.GetProperty("start").GetDateTimeOffset(), slot.GetProperty("end").GetDateTimeOffset());
            while (DateTimeOffset.UtcNow < start)
            {
                await Task.Delay(100);
            }

            // The evaluation (every 30 s by default; at once through the API, which this host leaves to the test) holds it.
            await (await client.PostAsync("/api/v1/maintenance/plans/evaluate", null)).OkJsonAsync();
            var order = await (await client.GetAsync("/api/v1/maintenance/orders/MO-DUE-3")).OkJsonAsync();
            Assert.Equal("Planned", order.GetProperty("status").GetString());
            Assert.Equal((start, end), (order.GetProperty("windowStart").GetDateTimeOffset(), order.GetProperty("windowEnd").GetDateTimeOffset()));
            var stop = Assert.Single(await StopsAsync(client));
            Assert.Equal("PlannedMaintenance", stop.GetProperty("kind").GetString());
            Assert.Equal((start, end), (stop.GetProperty("start").GetDateTimeOffset(), stop.GetProperty("end").GetDateTimeOffset()));

            // Fixed now: no longer placed, and production stays out of the window.
            var plan = await EventuallyAsync(client, p => !Placed(p, "MO-DUE-3", inForce: true).Any());
            Assert.DoesNotContain(plan.GetProperty("operations").EnumerateArray(), op => OnMachine(op) && Overlaps(op, DateTimeOffset.UtcNow, end));
        }
        finally
        {
            await (await client.PostJsonAsync("/api/v1/maintenance/orders/MO-DUE-3/cancel", new { reason = "test done" })).OkJsonAsync();
        }

        Assert.Empty(await StopsAsync(client));
    }

    private static bool OnMachine(JsonElement op) => op.GetProperty("machineId").GetString() == Machine;

    private static bool Overlaps(JsonElement op, DateTimeOffset start, DateTimeOffset end) =>
        op.GetProperty("start").GetDateTimeOffset() < end && op.GetProperty("end").GetDateTimeOffset() > start;

    private static IEnumerable<JsonElement> Placed(JsonElement plan, string orderId, bool inForce)
    {
        var holder = inForce ? plan : plan.GetProperty("proposal");
        return holder.ValueKind == JsonValueKind.Null
            ? []
            : holder.GetProperty("maintenance").EnumerateArray().Where(m => m.GetProperty("orderId").GetString() == orderId).ToList();
    }

    // The maintenance grain tells the dispatcher one-way: the plan shows the slot a moment later.
    private static async Task<(JsonElement Plan, JsonElement Slot)> PlacedAsync(HttpClient client, string orderId, bool inForce)
    {
        var plan = await EventuallyAsync(client, p => Placed(p, orderId, inForce).Any());
        return (plan, Placed(plan, orderId, inForce).Single());
    }

    private static async Task<JsonElement> EventuallyAsync(HttpClient client, Func<JsonElement, bool> condition)
    {
        var deadline = DateTimeOffset.UtcNow.AddSeconds(20);
        while (true)
        {
            var plan = await PlanAsync(client);
            if (condition(plan))
            {
                return plan;
            }

            Assert.True(DateTimeOffset.UtcNow < deadline, $"the plan never got there: {plan}");
            await Task.Delay(100);
        }
    }

    private static async Task<JsonElement> PlanAsync(HttpClient client) =>
        await (await client.GetAsync("/api/v1/sites/plant-1/plan")).OkJsonAsync();

    private static async Task<List<JsonElement>> StopsAsync(HttpClient client) =>
        [.. (await (await client.GetAsync($"/api/v1/machines/{Machine}/planned-stops")).OkJsonAsync()).EnumerateArray()];

    /// <summary>
    /// The host with the background optimizer off, so every plan read is the dispatcher's own, and the maintenance
    /// evaluation left to the tests (through the API), so a slot is held only when a test says so.
    /// </summary>
    public sealed class App : FactoryWebApp
    {
        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Factory:Dispatch:OptimizerTimeLimit", "00:00:00");
            builder.UseSetting("Factory:Plant:MaintenanceEvaluationInterval", "1.00:00:00");
        }
    }
}
