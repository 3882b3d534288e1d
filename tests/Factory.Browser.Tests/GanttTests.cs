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

    [Fact]
    public async Task A_manager_drags_a_bar_to_a_later_time_on_its_machine_and_the_plan_starts_it_no_sooner()
    {
        var move = await MovableOperationAsync();
        var page = await fixture.SignedInPageAsync(PlantUser.Manager);
        await page.GetByTestId("nav-plan").ClickAsync();
        var bar = page.GetByTestId($"bar-{move.WorkOrderId}-{move.Sequence}");
        await Expect(bar).ToBeVisibleAsync();
        var machine = await bar.GetAttributeAsync("data-machine") ?? throw new InvalidOperationException("the bar names no machine");

        // Some hours to the right on its own row (the first of 1, 2, 3 h that no shift gap or down time covers): where the
        // bar's start lands is the time the manager chose.
        var (start, pxPerHour) = await BarStartAsync(page, move);
        var hours = await page.EvaluateAsync<int>(@"([machine, start]) => {
            const free = (at) => !window.factoryGantt.live.model.shades.some(s => (s.kind === 'down' || s.kind === 'off-shift' || s.kind === 'maintenance')
                && (s.rowId === null || s.rowId === machine) && s.start <= at && at < s.end);
            return [1, 2, 3].find(h => free(start + h * 3600000)) ?? 0;
        }", new object[] { machine, start.ToUnixTimeMilliseconds() });
        Assert.True(hours > 0, "no free time 1 to 3 hours after the bar on its machine");
        await DragAsync(page, bar, machine, pxPerHour * hours);
        var message = page.GetByTestId("gantt-live-message");
        await Expect(message).ToHaveAttributeAsync("data-kind", "accepted", new() { Timeout = 15_000 });

        var op = await OperationAsync(move);
        Assert.Equal(machine, op.GetProperty("machineId").GetString());
        var notBefore = op.GetProperty("notBefore").GetDateTimeOffset();
        var dropped = start.AddHours(hours);
        // On the minute, within the few pixels a pointer is off by at 48 px per hour.
        Assert.Equal(0, notBefore.Second);
        Assert.True(Math.Abs((notBefore - dropped).TotalMinutes) <= 3, $"dropped at {dropped:O}, sent {notBefore:O}");
        var planned = await PlannedStartAsync(move, s => s >= notBefore);
        Assert.True(planned >= notBefore, $"the plan starts it at {planned:O}, before the dropped {notBefore:O}");
        await Expect(page.GetByTestId($"bar-{move.WorkOrderId}-{move.Sequence}")).ToHaveAttributeAsync("data-not-before", notBefore.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'.000Z'", System.Globalization.CultureInfo.InvariantCulture), new() { Timeout = 15_000 });
        await fixture.ScreenshotAsync(page, "gantt-time-drop");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_time_drop_before_the_previous_operation_ends_is_refused_with_the_reason_and_changes_nothing()
    {
        var (move, predecessorEnd) = await FollowingOperationAsync();
        var before = await OperationAsync(move);
        var page = await fixture.SignedInPageAsync(PlantUser.Manager);
        await page.GetByTestId("nav-plan").ClickAsync();
        var bar = page.GetByTestId($"bar-{move.WorkOrderId}-{move.Sequence}");
        await Expect(bar).ToBeVisibleAsync();

        // A quarter of an hour before its predecessor ends, on its own machine.
        var (start, pxPerHour) = await BarStartAsync(page, move);
        var target = predecessorEnd.AddMinutes(-15);
        await DragAsync(page, bar, move.From, (float)((target - start).TotalHours * pxPerHour));

        var message = page.GetByTestId("gantt-live-message");
        await Expect(message).ToHaveAttributeAsync("data-kind", "refused");
        await Expect(message).ToContainTextAsync("cannot start before the order's previous operation ends");
        await fixture.ScreenshotAsync(page, "gantt-refused-time-drop");
        var after = await OperationAsync(move);
        foreach (var field in new[] { "machineId", "notBefore", "managerAssignedAt", "pinned" })
        {
            Assert.Equal(before.GetProperty(field).ToString(), after.GetProperty(field).ToString());
        }

        await page.Context.CloseAsync();
    }

    /// <summary>Where the page draws the operation's bar to start, and the pane's scale, read just before a drag.</summary>
    private static async Task<(DateTimeOffset Start, float PxPerHour)> BarStartAsync(IPage page, Move move)
    {
        var read = await page.EvaluateAsync<double[]>(@"key => {
            const live = window.factoryGantt.live;
            return [live.model.bars.find(b => b.key === key).start, live.pxPerHour];
        }", $"{move.WorkOrderId}#{move.Sequence}");
        return (DateTimeOffset.FromUnixTimeMilliseconds((long)read[0]), (float)read[1]);
    }

    private async Task<JsonElement> OperationAsync(Move move)
    {
        using var api = fixture.Api(PlantUser.ControlRoom);
        return (await PlantApi.GetAsync(api, $"/api/v1/workorders/{move.WorkOrderId}")).GetProperty("operations").EnumerateArray()
            .Single(o => o.GetProperty("sequence").GetInt32() == move.Sequence);
    }

    /// <summary>The operation's planned start in the site's plan once it meets <paramref name="until"/>, or after 15 s.</summary>
    private async Task<DateTimeOffset?> PlannedStartAsync(Move move, Func<DateTimeOffset, bool> until)
    {
        using var api = fixture.Api(PlantUser.ControlRoom);
        var deadline = DateTime.UtcNow.AddSeconds(15);
        DateTimeOffset? start;
        do
        {
            start = (await PlantApi.GetAsync(api, "/api/v1/sites/plant-1/plan")).GetProperty("operations").EnumerateArray()
                .Where(o => o.GetProperty("workOrderId").GetString() == move.WorkOrderId && o.GetProperty("sequence").GetInt32() == move.Sequence)
                .Select(o => (DateTimeOffset?)o.GetProperty("start").GetDateTimeOffset()).FirstOrDefault();
            if (start is { } s && until(s))
            {
                return start;
            }

            await Task.Delay(200);
        }
        while (DateTime.UtcNow < deadline);
        return start;
    }

    /// <summary>
    /// A pending operation that follows an open one of its order, both in the plan, the predecessor ending at least 20 minutes
    /// from now and the operation starting within the day: one a drop before the predecessor's end is refused for.
    /// </summary>
    private async Task<(Move Move, DateTimeOffset PredecessorEnd)> FollowingOperationAsync()
    {
        using var api = fixture.Api(PlantUser.ControlRoom);
        var plan = await SettledPlanAsync(api);
        var planned = plan.GetProperty("operations").EnumerateArray()
            .ToDictionary(o => (o.GetProperty("workOrderId").GetString()!, o.GetProperty("sequence").GetInt32()));
        var now = DateTimeOffset.UtcNow;
        var available = (await PlantApi.GetAsync(api, "/api/v1/machines?siteId=plant-1")).EnumerateArray()
            .Where(m => m.GetProperty("available").GetBoolean()).Select(m => m.GetProperty("id").GetString()).ToHashSet();
        foreach (var order in (await PlantApi.GetAsync(api, "/api/v1/workorders?siteId=plant-1")).EnumerateArray())
        {
            var id = order.GetProperty("id").GetString()!;
            var open = order.GetProperty("operations").EnumerateArray()
                .Where(o => o.GetProperty("status").GetString() is not ("Completed" or "Cancelled")).ToList();
            for (var i = 1; i < open.Count; i++)
            {
                var sequence = open[i].GetProperty("sequence").GetInt32();
                if (open[i].GetProperty("status").GetString() == "Pending" &&
                    planned.TryGetValue((id, open[i - 1].GetProperty("sequence").GetInt32()), out var previous) &&
                    planned.TryGetValue((id, sequence), out var self) &&
                    previous.GetProperty("end").GetDateTimeOffset() is var end && end >= now.AddMinutes(20) &&
                    self.GetProperty("start").GetDateTimeOffset() <= now.AddHours(20) && available.Contains(self.GetProperty("machineId").GetString()))
                {
                    var machine = self.GetProperty("machineId").GetString()!;
                    return (new Move(id, sequence, open[i].GetProperty("capability").GetString()!, machine, machine, machine), end);
                }
            }
        }

        throw new InvalidOperationException("no pending operation in the plan follows an open one that ends later than 20 minutes from now");
    }

    private static async Task DragAsync(IPage page, ILocator bar, string machineId, float dx = 0)
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
        await page.Mouse.MoveAsync(x + dx, row.Y + (row.Height / 2), new() { Steps = 8 });
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

    /// <summary>
    /// The plan once no version appeared for 5 s (the optimizer may still replace it: it starts once a plan has stood 2 s,
    /// and searches for 2 s).
    /// </summary>
    private static async Task<JsonElement> SettledPlanAsync(HttpClient api)
    {
        var settle = DateTime.UtcNow.AddSeconds(30);
        var plan = await PlantApi.GetAsync(api, "/api/v1/sites/plant-1/plan");
        var since = DateTime.UtcNow;
        while (DateTime.UtcNow < settle && DateTime.UtcNow - since < TimeSpan.FromSeconds(5))
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
