using System.Net.Http.Json;
using System.Text.Json;

namespace Factory.Browser.Tests;

[Collection(DashboardCollection.Name)]
public sealed class GanttTests(DashboardFixture fixture)
{
    [Fact]
    public async Task A_manager_drags_an_operation_on_the_gantt_a_refused_drop_says_why_an_accepted_one_moves_it()
    {
        var move = await MovableOperationAsync();
        var page = await fixture.SignedInPageAsync(PlantUser.Manager);
        await page.GetByTestId("nav-plan").ClickAsync();
        var bar = page.GetByTestId($"bar-{move.WorkOrderId}-{move.Sequence}");
        await Expect(bar).ToBeVisibleAsync();
        await Expect(bar).ToHaveAttributeAsync("data-machine", move.From);
        await Expect(page.GetByTestId("gantt-live-now")).ToHaveCountAsync(1);
        await fixture.ScreenshotAsync(page, "gantt");

        // Onto a machine that cannot run it: refused in the page, with the reason, and nothing is sent.
        await DragAsync(page, bar, move.Incapable);
        var message = page.GetByTestId("gantt-live-message");
        await Expect(message).ToHaveAttributeAsync("data-kind", "refused");
        await Expect(message).ToContainTextAsync($"{move.Incapable} cannot {move.Capability}");
        await fixture.ScreenshotAsync(page, "gantt-refused-drop");
        Assert.Equal(move.From, await AssignedMachineAsync(move));

        // Onto a capable machine: sent as an assignment, accepted, and the re-plan moves the bar to that row.
        await DragAsync(page, page.GetByTestId($"bar-{move.WorkOrderId}-{move.Sequence}"), move.To);
        await Expect(message).ToHaveAttributeAsync("data-kind", "accepted", new() { Timeout = 15_000 });
        await Expect(message).ToContainTextAsync($"to {move.To};");
        Assert.Equal(move.To, await AssignedMachineAsync(move));
        Assert.Equal(move.To, await PlannedMachineAsync(move, move.To));
        await Expect(page.GetByTestId($"bar-{move.WorkOrderId}-{move.Sequence}")).ToHaveAttributeAsync("data-machine", move.To, new() { Timeout = 15_000 });
        await fixture.ScreenshotAsync(page, "gantt-accepted-drop");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_manager_runs_a_scenario_and_sees_it_beside_the_live_plan_which_does_not_change()
    {
        using var api = fixture.Api(PlantUser.ControlRoom);
        await SettledPlanAsync(api);
        var version = (await PlantApi.GetAsync(api, "/api/v1/sites/plant-1/plan")).GetProperty("version").GetInt64();
        var page = await fixture.SignedInPageAsync(PlantUser.Manager);
        await page.GetByTestId("nav-plan").ClickAsync();
        await Expect(page.GetByTestId("gantt-version")).ToHaveAttributeAsync("data-version", version.ToString(System.Globalization.CultureInfo.InvariantCulture));

        await page.GetByTestId("scenario-kind").SelectOptionAsync("machineDown");
        await page.GetByTestId("scenario-machine").SelectOptionAsync("CNC-02");
        await page.GetByTestId("scenario-hours").FillAsync("6");
        await page.GetByTestId("scenario-run").ClickAsync();

        var summary = page.GetByTestId("scenario-summary");
        await Expect(summary).ToHaveAttributeAsync("data-status", "planned", new() { Timeout = 20_000 });
        await Expect(page.GetByTestId("scenario-figures")).ToContainTextAsync("late");
        await Expect(page.GetByTestId("scenario-live")).ToContainTextAsync("late");
        var scenarioPane = page.GetByTestId("gantt-scenario");
        await Expect(scenarioPane).ToBeVisibleAsync();
        await Expect(scenarioPane.Locator(".gantt-bar").First).ToBeVisibleAsync();
        await Expect(scenarioPane.GetByTestId("gantt-row-CNC-02").Locator(".shade-down")).ToHaveCountAsync(1);
        await fixture.ScreenshotAsync(page, "gantt-scenario");

        // Nothing live changed.
        Assert.Equal(version, (await PlantApi.GetAsync(api, "/api/v1/sites/plant-1/plan")).GetProperty("version").GetInt64());
        await Expect(page.GetByTestId("gantt-version")).ToHaveAttributeAsync("data-version", version.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_slot_the_dispatcher_placed_a_due_maintenance_order_in_is_shaded_on_its_machine()
    {
        const string order = "MO-GANTT-TST-01";
        using var api = fixture.Api(PlantUser.Manager);
        await PlantApi.OkAsync(api.PostAsJsonAsync(new Uri("/api/v1/maintenance/orders", UriKind.Relative), new
        {
            id = order, machineId = "TST-01", kind = "Preventive", reason = "Calibrate", skill = "electrician", estimatedSeconds = 3600,
            dueBy = DateTimeOffset.UtcNow.AddHours(6),
        }));
        var page = await fixture.SignedInPageAsync(PlantUser.Manager);
        try
        {
            // Placed one-way a moment after the order is made: the plan's next version carries the slot.
            var deadline = DateTimeOffset.UtcNow.AddSeconds(20);
            while (!(await PlantApi.GetAsync(api, "/api/v1/sites/plant-1/plan")).GetProperty("maintenance").EnumerateArray()
                       .Any(m => m.GetProperty("orderId").GetString() == order))
            {
                Assert.True(DateTimeOffset.UtcNow < deadline, "the dispatcher never placed the order");
                await Task.Delay(200);
            }

            await page.GetByTestId("nav-plan").ClickAsync();
            var slot = page.GetByTestId("gantt-live").GetByTestId("gantt-row-TST-01").Locator($".shade-maintenance[title*='{order}']");
            await Expect(slot).ToHaveCountAsync(1, new() { Timeout = 15_000 });
            await Expect(slot).ToHaveAttributeAsync("title", $"maintenance {order} · W14");
        }
        finally
        {
            await page.Context.CloseAsync();
            await PlantApi.OkAsync(api.PostAsJsonAsync(new Uri($"/api/v1/maintenance/orders/{order}/cancel", UriKind.Relative), new { reason = "test done" }));
        }
    }

    private static async Task DragAsync(IPage page, ILocator bar, string machineId)
    {
        await bar.ScrollIntoViewIfNeededAsync();
        var from = await bar.BoundingBoxAsync() ?? throw new InvalidOperationException("the bar is not on screen");
        // Bars of short operations are a few pixels wide and drawn at a minimum width, so a neighbour may cover part of one:
        // grab it where it is on top, as a person aims at the bar they see.
        var x = await bar.EvaluateAsync<float>(@"b => {
            const r = b.getBoundingClientRect(), y = r.top + r.height / 2;
            for (let x = r.left + 1; x < r.right; x += 1) {
                if (document.elementFromPoint(x, y)?.closest('.gantt-bar') === b) return x;
            }
            return r.left + r.width / 2;
        }");
        await page.Mouse.MoveAsync(x, from.Y + (from.Height / 2));
        await page.Mouse.DownAsync();
        await page.Mouse.MoveAsync(x, from.Y + (from.Height / 2) + 8, new() { Steps = 2 });
        // Aimed at the row as it is on screen once the drag has begun, as a person would.
        var row = await page.GetByTestId($"gantt-live").GetByTestId($"gantt-row-{machineId}").BoundingBoxAsync()
            ?? throw new InvalidOperationException($"the row of {machineId} is not on screen");
        await page.Mouse.MoveAsync(x, row.Y + (row.Height / 2), new() { Steps = 8 });
        await page.Mouse.UpAsync();
    }

    private async Task<string?> AssignedMachineAsync(Move move)
    {
        using var api = fixture.Api(PlantUser.ControlRoom);
        return (await PlantApi.GetAsync(api, $"/api/v1/workorders/{move.WorkOrderId}")).GetProperty("operations").EnumerateArray()
            .Single(o => o.GetProperty("sequence").GetInt32() == move.Sequence).GetProperty("machineId").GetString();
    }

    /// <summary>The machine the site's plan has the operation on, once it is <paramref name="expected"/> or after 15 s.</summary>
    private async Task<string?> PlannedMachineAsync(Move move, string expected)
    {
        using var api = fixture.Api(PlantUser.ControlRoom);
        var until = DateTime.UtcNow.AddSeconds(15);
        string? machine;
        do
        {
            machine = (await PlantApi.GetAsync(api, "/api/v1/sites/plant-1/plan")).GetProperty("operations").EnumerateArray()
                .Where(o => o.GetProperty("workOrderId").GetString() == move.WorkOrderId && o.GetProperty("sequence").GetInt32() == move.Sequence)
                .Select(o => o.GetProperty("machineId").GetString()).FirstOrDefault();
            if (machine == expected)
            {
                return machine;
            }

            await Task.Delay(200);
        }
        while (DateTime.UtcNow < until);
        return machine;
    }

    /// <summary>
    /// A pending or ready first open operation of some order, planned within the next hours, with another capable available machine
    /// (and a machine that cannot run it): what a planner would drag.
    /// </summary>
    private async Task<Move> MovableOperationAsync()
    {
        using var api = fixture.Api(PlantUser.ControlRoom);
        var plan = await SettledPlanAsync(api);
        var orders = (await PlantApi.GetAsync(api, "/api/v1/workorders?siteId=plant-1")).EnumerateArray().ToDictionary(o => o.GetProperty("id").GetString()!);
        var machines = (await PlantApi.GetAsync(api, "/api/v1/machines?siteId=plant-1")).EnumerateArray().ToList();
        var now = DateTimeOffset.UtcNow;
        // Not the next operation of its machine: automatic release hands a free machine its next ready operation at any
        // moment, and released work stays where it was released.
        var queued = new HashSet<string>();
        foreach (var planned in plan.GetProperty("operations").EnumerateArray().OrderBy(o => o.GetProperty("start").GetDateTimeOffset()))
        {
            var orderId = planned.GetProperty("workOrderId").GetString()!;
            var sequence = planned.GetProperty("sequence").GetInt32();
            var start = planned.GetProperty("start").GetDateTimeOffset();
            if (!queued.Add(planned.GetProperty("machineId").GetString()!) && start >= now.AddMinutes(5) && start <= now.AddHours(8)
                && orders.TryGetValue(orderId, out var order) && Candidate(order, planned, sequence, orderId, machines) is { } move)
            {
                return move;
            }
        }

        throw new InvalidOperationException("no pending operation in the plan can move to another machine");
    }

    /// <summary>The move of <paramref name="planned"/> when it is its order's first open operation and not yet released.</summary>
    private static Move? Candidate(JsonElement order, JsonElement planned, int sequence, string orderId, List<JsonElement> machines)
    {
        var op = order.GetProperty("operations").EnumerateArray().FirstOrDefault(o => o.GetProperty("status").GetString() is not ("Completed" or "Cancelled"));
        if (op.ValueKind == JsonValueKind.Undefined || op.GetProperty("sequence").GetInt32() != sequence || op.GetProperty("status").GetString() is not ("Pending" or "Ready"))
        {
            return null;
        }

        var capability = op.GetProperty("capability").GetString()!;
        var from = planned.GetProperty("machineId").GetString()!;
        bool Can(JsonElement m) => m.GetProperty("capabilities").EnumerateArray().Any(c => c.GetString() == capability);
        var to = machines.FirstOrDefault(m => m.GetProperty("id").GetString() != from && Can(m) && m.GetProperty("available").GetBoolean());
        var incapable = machines.FirstOrDefault(m => !Can(m));
        return to.ValueKind != JsonValueKind.Undefined && incapable.ValueKind != JsonValueKind.Undefined
            ? new Move(orderId, sequence, capability, from, to.GetProperty("id").GetString()!, incapable.GetProperty("id").GetString()!)
            : null;
    }

    /// <summary>The plan once no version appeared for 3 s (the optimizer may still replace it for its 2 s budget).</summary>
    private static async Task<JsonElement> SettledPlanAsync(HttpClient api)
    {
        var settle = DateTime.UtcNow.AddSeconds(30);
        var plan = await PlantApi.GetAsync(api, "/api/v1/sites/plant-1/plan");
        var since = DateTime.UtcNow;
        while (DateTime.UtcNow < settle && DateTime.UtcNow - since < TimeSpan.FromSeconds(3))
        {
            await Task.Delay(200);
            var current = await PlantApi.GetAsync(api, "/api/v1/sites/plant-1/plan");
            if (current.GetProperty("version").GetInt64() != plan.GetProperty("version").GetInt64())
            {
                (plan, since) = (current, DateTime.UtcNow);
            }
        }

        return plan;
    }

    private sealed record Move(string WorkOrderId, int Sequence, string Capability, string From, string To, string Incapable);
}
