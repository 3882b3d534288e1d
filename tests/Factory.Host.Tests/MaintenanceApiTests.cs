using System.Net;
using System.Text.Json;

namespace Factory.Host.Tests;

/// <summary>Maintenance orders and plans through the real pipeline: lifecycle, plans due at their thresholds, stops and KPIs.</summary>
public sealed class MaintenanceApiTests(FactoryWebApp app) : IClassFixture<FactoryWebApp>
{
    // Whole hours a few days back: posted events land in the past, where nothing live touches the logs.
    private static readonly DateTimeOffset Anchor = new DateTimeOffset(DateTimeOffset.UtcNow.UtcDateTime.Date, TimeSpan.Zero).AddDays(-3);

    [Fact]
    public async Task A_run_hour_plan_creates_one_preventive_order_exactly_at_two_run_hours()
    {
        var client = await app.ReadyClientAsync();
        var plan = await (await client.PostJsonAsync("/api/v1/maintenance/plans", new
        {
            id = "PM-CNC-01-LUBE", machineId = "CNC-01", title = "Lubricate spindle", trigger = "RunHours", interval = 2,
            tasks = new[] { "Grease spindle", "Check oil level" }, skill = "millwright", estimatedSeconds = 1800, dueWithinSeconds = 28_800, anchorAt = Anchor,
        })).OkJsonAsync();
        Assert.False(plan.GetProperty("due").GetBoolean());

        // One second short of two hours in Execute.
        await PostEventsAsync(client, "CNC-01", new { at = Anchor.AddHours(1), state = "Execute" }, new { at = Anchor.AddHours(3).AddSeconds(-1), state = "Idle" });
        Assert.DoesNotContain(await EvaluateAsync(client), id => id.StartsWith("PM-CNC-01-LUBE", StringComparison.Ordinal));
        plan = await (await client.GetAsync("/api/v1/maintenance/plans/PM-CNC-01-LUBE")).OkJsonAsync();
        Assert.Equal(1.0 / 3600, plan.GetProperty("remaining").GetDouble(), 9);

        // The missing second.
        await PostEventsAsync(client, "CNC-01", new { at = Anchor.AddHours(5), state = "Execute" }, new { at = Anchor.AddHours(5).AddSeconds(1), state = "Idle" });
        var created = Assert.Single(await EvaluateAsync(client), id => id.StartsWith("PM-CNC-01-LUBE", StringComparison.Ordinal));
        Assert.DoesNotContain(created, await EvaluateAsync(client));

        var order = await (await client.GetAsync($"/api/v1/maintenance/orders/{created}")).OkJsonAsync();
        Assert.Equal("Preventive", order.GetProperty("kind").GetString());
        Assert.Equal("Requested", order.GetProperty("status").GetString());
        Assert.Equal("PM-CNC-01-LUBE", order.GetProperty("planId").GetString());
        Assert.Equal("millwright", order.GetProperty("skill").GetString());
        plan = await (await client.GetAsync("/api/v1/maintenance/plans/PM-CNC-01-LUBE")).OkJsonAsync();
        Assert.Equal(created, plan.GetProperty("openOrderId").GetString());
    }

    [Fact]
    public async Task A_condition_plan_creates_its_order_once_the_tag_has_been_above_its_limit_for_the_whole_duration()
    {
        var client = await app.ReadyClientAsync();
        const string prefix = "PM-CNC-01-VIB";
        var plan = await (await client.PostJsonAsync("/api/v1/maintenance/plans", new
        {
            id = prefix, machineId = "CNC-01", title = "Check spindle bearings", trigger = "Condition", tag = "vibration", comparison = "Above",
            limit = 7.1, interval = 10, tasks = new[] { "Measure bearing play" }, skill = "millwright", anchorAt = Anchor,
        })).OkJsonAsync();
        Assert.False(plan.GetProperty("due").GetBoolean());
        Assert.Equal("vibration", plan.GetProperty("tag").GetString());
        Assert.Equal("Above", plan.GetProperty("comparison").GetString());

        // Above the limit for one second short of ten minutes, then back under it.
        var start = Anchor.AddHours(1);
        await PostEventsAsync(client, "CNC-01", new { at = start, tags = new { vibration = 8.0 } }, new { at = start.AddMinutes(10).AddSeconds(-1), tags = new { vibration = 6.0 } });
        Assert.DoesNotContain(await EvaluateAsync(client), id => id.StartsWith(prefix, StringComparison.Ordinal));

        // At the limit is not above it: an hour at exactly 7.1 does not count.
        await PostEventsAsync(client, "CNC-01", new { at = start.AddMinutes(20), tags = new { vibration = 7.1 } }, new { at = start.AddMinutes(80), tags = new { vibration = 6.0 } });
        Assert.DoesNotContain(await EvaluateAsync(client), id => id.StartsWith(prefix, StringComparison.Ordinal));

        // Above again, exactly ten minutes.
        var again = Anchor.AddHours(3);
        await PostEventsAsync(client, "CNC-01", new { at = again, tags = new { vibration = 9.0 } }, new { at = again.AddMinutes(10), tags = new { vibration = 5.0 } });
        var created = Assert.Single(await EvaluateAsync(client), id => id.StartsWith(prefix, StringComparison.Ordinal));
        Assert.DoesNotContain(created, await EvaluateAsync(client));

        var order = await (await client.GetAsync($"/api/v1/maintenance/orders/{created}")).OkJsonAsync();
        Assert.Equal("Preventive", order.GetProperty("kind").GetString());
        Assert.Equal(prefix, order.GetProperty("planId").GetString());
        plan = await (await client.GetAsync($"/api/v1/maintenance/plans/{prefix}")).OkJsonAsync();
        Assert.Equal(created, plan.GetProperty("openOrderId").GetString());
        Assert.True(plan.GetProperty("due").GetBoolean());
    }

    [Fact]
    public async Task A_condition_plan_still_short_of_its_duration_is_not_due_and_bad_conditions_are_refused()
    {
        var client = await app.ReadyClientAsync();
        await (await client.PostJsonAsync("/api/v1/maintenance/plans", new
        {
            id = "PM-CNC-04-HOT", machineId = "CNC-04", title = "Check coolant", trigger = "Condition", tag = "oiltemp", comparison = "Above",
            limit = 60, interval = 10, anchorAt = Anchor,
        })).OkJsonAsync();

        // Above for nine minutes up to now, and still above: one minute (less the test's own time) to go.
        await PostEventsAsync(client, "CNC-04", new { at = DateTimeOffset.UtcNow.AddMinutes(-9), tags = new { oiltemp = 65.0 } });
        Assert.DoesNotContain(await EvaluateAsync(client), id => id.StartsWith("PM-CNC-04-HOT", StringComparison.Ordinal));
        var plan = await (await client.GetAsync("/api/v1/maintenance/plans/PM-CNC-04-HOT")).OkJsonAsync();
        Assert.False(plan.GetProperty("due").GetBoolean());
        Assert.InRange(plan.GetProperty("remaining").GetDouble(), 0.001, 1.0);
        Assert.True(plan.GetProperty("nextDueAt").GetDateTimeOffset() > DateTimeOffset.UtcNow);

        object Bad(string id, string? tag, double? limit, double interval) =>
            new { id, machineId = "CNC-04", title = "x", trigger = "Condition", tag, comparison = "Above", limit, interval };
        await (await client.PostJsonAsync("/api/v1/maintenance/plans", Bad("PM-C1", null, 5, 10))).ProblemAsync(HttpStatusCode.BadRequest);
        await (await client.PostJsonAsync("/api/v1/maintenance/plans", Bad("PM-C2", "vibration", null, 10))).ProblemAsync(HttpStatusCode.BadRequest);
        await (await client.PostJsonAsync("/api/v1/maintenance/plans", Bad("PM-C3", "vibration", 5, 0))).ProblemAsync(HttpStatusCode.BadRequest);
        await (await client.PostJsonAsync("/api/v1/maintenance/plans", Bad("PM-C4", "vibration", 5, 8 * 24 * 60))).ProblemAsync(HttpStatusCode.BadRequest);
        await (await client.PostJsonAsync("/api/v1/maintenance/plans", Bad("PM-C5", new string('t', 65), 5, 10))).ProblemAsync(HttpStatusCode.BadRequest);
        // JSON has no infinity: a limit too large for a double is unreadable input.
        var infinite = await client.PostAsync("/api/v1/maintenance/plans", new StringContent(
            """{"id":"PM-C6","machineId":"CNC-04","title":"x","trigger":"Condition","tag":"vibration","limit":1e999,"interval":10}""",
            System.Text.Encoding.UTF8, "application/json"));
        await infinite.ProblemAsync(HttpStatusCode.BadRequest);
        // Nothing was created (the plans' figures move with the clock, so their ids are compared).
        var plans = await (await client.GetAsync("/api/v1/maintenance/plans")).OkJsonAsync();
        Assert.DoesNotContain(plans.EnumerateArray(), p => p.GetProperty("id").GetString()!.StartsWith("PM-C", StringComparison.Ordinal) &&
            p.GetProperty("id").GetString()!.Length == 5);
    }

    [Fact]
    public async Task A_stop_carries_the_alarm_it_came_with_and_a_corrective_order_made_from_it_links_both()
    {
        var client = await app.ReadyClientAsync();
        // A past early shift (Monday 2026-11-02 in Berlin, between the calendar's breaks): planned time, so the stop is lost time.
        var shift = new DateTimeOffset(2026, 11, 2, 5, 0, 0, TimeSpan.Zero);
        var stopAt = shift.AddMinutes(90);
        await PostEventsAsync(client, "PCK-02",
            new { at = shift.AddMinutes(60), state = "Execute" },
            new { at = stopAt, state = "Stopped", tags = new { fault = 1.0 } },
            new { at = shift.AddMinutes(110), state = "Execute", tags = new { fault = 0.0 } });

        var report = await (await client.GetAsync(
            $"/api/v1/downtime?entity=machine&id=PCK-02&from={Uri.EscapeDataString(shift.ToString("O"))}&to={Uri.EscapeDataString(shift.AddHours(8).ToString("O"))}")).OkJsonAsync();
        var stop = Assert.Single(report.GetProperty("stops").EnumerateArray(), s => s.GetProperty("intervalStart").GetDateTimeOffset() == stopAt);
        Assert.Equal("PCK-02.fault", stop.GetProperty("alarmId").GetString());
        var running = report.GetProperty("stops").EnumerateArray().Where(s => s.GetProperty("intervalStart").GetDateTimeOffset() != stopAt);
        Assert.All(running, s => Assert.Equal(JsonValueKind.Null, s.GetProperty("alarmId").ValueKind));

        var order = await (await client.PostJsonAsync("/api/v1/maintenance/orders", new
        {
            machineId = "PCK-02", kind = "Corrective", reason = "Stop of PCK-02", estimatedSeconds = 3600, downtimeStart = stopAt, alarmId = "PCK-02.fault",
        })).OkJsonAsync();
        Assert.Equal(stopAt, order.GetProperty("downtimeStart").GetDateTimeOffset());
        Assert.Equal("PCK-02.fault", order.GetProperty("alarmId").GetString());
        Assert.Equal("Corrective", order.GetProperty("kind").GetString());
    }

    [Fact]
    public async Task An_order_without_an_estimate_learns_it_and_its_skill_from_the_repairs_done_on_its_machine()
    {
        var client = await app.ReadyClientAsync();
        var first = await (await client.PostJsonAsync("/api/v1/maintenance/orders", new { id = "MO-CNC-04-LEARN-1", machineId = "CNC-04", reason = "Spindle stalls" })).OkJsonAsync();
        Assert.Equal(3600, first.GetProperty("estimatedSeconds").GetDouble());
        Assert.Equal(JsonValueKind.Null, first.GetProperty("skill").ValueKind);
        await (await client.PostJsonAsync("/api/v1/maintenance/orders/MO-CNC-04-LEARN-1/cancel", new { reason = "made to test the default" })).OkJsonAsync();

        await (await client.PostJsonAsync("/api/v1/maintenance/orders", new
        {
            id = "MO-CNC-04-LEARN-2", machineId = "CNC-04", reason = "Spindle stalls", skill = "electrician", certification = "Electrical safety", estimatedSeconds = 7200,
        })).OkJsonAsync();
        await (await client.PostJsonAsync("/api/v1/maintenance/orders/MO-CNC-04-LEARN-2/start", new { who = "ben" })).OkJsonAsync();
        var done = await (await client.PostJsonAsync("/api/v1/maintenance/orders/MO-CNC-04-LEARN-2/finish", new { note = "drive reset" })).OkJsonAsync();

        // One repair done, in moments: its skill and certification, and the shortest estimate drawn from history (5 min).
        var learned = await (await client.PostJsonAsync("/api/v1/maintenance/orders", new { id = "MO-CNC-04-LEARN-3", machineId = "CNC-04", reason = "Spindle stalls again" })).OkJsonAsync();
        Assert.Equal(Math.Max(300, done.GetProperty("timeTakenSeconds").GetDouble()), learned.GetProperty("estimatedSeconds").GetDouble());
        Assert.Equal("electrician", learned.GetProperty("skill").GetString());
        Assert.Equal("Electrical safety", learned.GetProperty("certification").GetString());
        await (await client.PostJsonAsync("/api/v1/maintenance/orders/MO-CNC-04-LEARN-3/cancel", new { reason = "test done" })).OkJsonAsync();
    }

    [Fact]
    public async Task A_cycle_plan_falls_due_at_its_count_of_parts()
    {
        var client = await app.ReadyClientAsync();
        await (await client.PostJsonAsync("/api/v1/maintenance/plans", new
        {
            id = "PM-DRL-01-BITS", machineId = "DRL-01", title = "Change drill bits", trigger = "Cycles", interval = 500, anchorAt = Anchor,
        })).OkJsonAsync();
        await PostEventsAsync(client, "DRL-01", new { at = Anchor.AddHours(1), state = "Execute", good = 490, scrap = 9 });
        Assert.DoesNotContain(await EvaluateAsync(client), id => id.StartsWith("PM-DRL-01-BITS", StringComparison.Ordinal));
        await PostEventsAsync(client, "DRL-01", new { at = Anchor.AddHours(2), good = 1 });
        Assert.Single(await EvaluateAsync(client), id => id.StartsWith("PM-DRL-01-BITS", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_planned_order_is_a_planned_maintenance_stop_counted_as_apmt_and_removed_when_done()
    {
        var client = await app.ReadyClientAsync();
        var window = (Start: Anchor.AddHours(12), End: Anchor.AddHours(13));
        var order = await (await client.PostJsonAsync("/api/v1/maintenance/orders", new
        {
            id = "MO-CNC-02-1", machineId = "CNC-02", kind = "Corrective", reason = "Coolant leak", tasks = new[] { "Replace hose" },
            skill = "millwright", estimatedSeconds = 3600, spareParts = "hose 12 mm", downtimeStart = Anchor.AddHours(11),
        })).OkJsonAsync();
        Assert.Equal("Requested", order.GetProperty("status").GetString());
        Assert.Equal("manager", order.GetProperty("requestedBy").GetString());

        order = await (await client.PostJsonAsync("/api/v1/maintenance/orders/MO-CNC-02-1/plan", new { start = window.Start, end = window.End })).OkJsonAsync();
        Assert.Equal("Planned", order.GetProperty("status").GetString());
        var stop = Assert.Single(await StopsAsync(client, "CNC-02"));
        Assert.Equal("PlannedMaintenance", stop.GetProperty("kind").GetString());
        Assert.Equal(window.Start, stop.GetProperty("start").GetDateTimeOffset());

        // The machine is in Maintenance mode for the window: planned maintenance time, not a breakdown.
        await PostEventsAsync(client, "CNC-02",
            new { at = window.Start, state = "Stopped", mode = "Maintenance" },
            new { at = window.End, state = "Idle", mode = "Production" });
        var kpis = await (await client.GetAsync(
            $"/api/v1/kpis?entity=machine&id=CNC-02&from={Uri.EscapeDataString(window.Start.ToString("O"))}&to={Uri.EscapeDataString(window.End.ToString("O"))}")).OkJsonAsync();
        var time = kpis.EnumerateArray().Single().GetProperty("time");
        Assert.Equal(3600, time.GetProperty("apmt").GetDouble());
        Assert.Equal(0, time.GetProperty("adot").GetDouble());
        Assert.Equal(0, kpis.EnumerateArray().Single().GetProperty("failures").GetInt32());

        await (await client.PostJsonAsync("/api/v1/maintenance/orders/MO-CNC-02-1/start", new { who = "ben" })).OkJsonAsync();
        order = await (await client.PostJsonAsync("/api/v1/maintenance/orders/MO-CNC-02-1/finish", new { note = "hose replaced" })).OkJsonAsync();
        Assert.Equal("Done", order.GetProperty("status").GetString());
        Assert.Equal("manager", order.GetProperty("doneBy").GetString());
        Assert.Equal("ben", order.GetProperty("startedBy").GetString());
        Assert.True(order.GetProperty("timeTakenSeconds").GetDouble() >= 0);
        Assert.Empty(await StopsAsync(client, "CNC-02"));

        var history = await (await client.GetAsync("/api/v1/maintenance/orders?machineId=CNC-02&status=Done")).OkJsonAsync();
        Assert.Contains(history.EnumerateArray(), o => o.GetProperty("id").GetString() == "MO-CNC-02-1");
        var audit = await (await client.GetAsync("/api/v1/audit")).Content.ReadAsStringAsync();
        Assert.Contains("maintenance.order.finish", audit);
    }

    [Fact]
    public async Task Bad_input_is_refused_with_problem_details_and_changes_nothing()
    {
        var client = await app.ReadyClientAsync();
        await (await client.PostJsonAsync("/api/v1/maintenance/orders", new
        {
            id = "MO-CNC-03-1", machineId = "CNC-03", reason = "Spindle noise", estimatedSeconds = 3600,
        })).OkJsonAsync();
        var before = await (await client.GetAsync("/api/v1/maintenance/orders")).Content.ReadAsStringAsync();

        await (await client.PostJsonAsync("/api/v1/maintenance/orders", new { id = "MO-X", machineId = "NOPE", reason = "x", estimatedSeconds = 60 })).ProblemAsync(HttpStatusCode.NotFound);
        await (await client.PostJsonAsync("/api/v1/maintenance/orders", new { id = "MO-X", machineId = "CNC-03", reason = "", estimatedSeconds = 60 })).ProblemAsync(HttpStatusCode.BadRequest);
        await (await client.PostJsonAsync("/api/v1/maintenance/orders", new { id = "MO-X", machineId = "CNC-03", reason = "x", estimatedSeconds = -1 })).ProblemAsync(HttpStatusCode.BadRequest);
        await (await client.PostJsonAsync("/api/v1/maintenance/orders", new { id = "MO-X", machineId = "CNC-03", reason = new string('x', 201), estimatedSeconds = 60 })).ProblemAsync(HttpStatusCode.BadRequest);
        await (await client.PostJsonAsync("/api/v1/maintenance/orders", new { id = "MO-CNC-03-1", machineId = "CNC-03", reason = "again", estimatedSeconds = 60 })).ProblemAsync(HttpStatusCode.Conflict);
        await (await client.PostJsonAsync("/api/v1/maintenance/orders/NOPE/start", new { })).ProblemAsync(HttpStatusCode.NotFound);
        await (await client.PostJsonAsync("/api/v1/maintenance/orders/MO-CNC-03-1/finish", new { })).ProblemAsync(HttpStatusCode.Conflict);
        await (await client.PostJsonAsync("/api/v1/maintenance/orders/MO-CNC-03-1/cancel", new { })).ProblemAsync(HttpStatusCode.BadRequest);
        await (await client.PostJsonAsync("/api/v1/maintenance/orders/MO-CNC-03-1/plan", new { start = Anchor.AddHours(2), end = Anchor.AddHours(1) })).ProblemAsync(HttpStatusCode.BadRequest);
        await (await client.PostJsonAsync("/api/v1/maintenance/plans", new { id = "PM-X", machineId = "CNC-03", title = "x", trigger = "Cycles", interval = 0 })).ProblemAsync(HttpStatusCode.BadRequest);
        await (await client.PostJsonAsync("/api/v1/maintenance/plans", new { id = "PM-X", machineId = "CNC-03", title = "x", trigger = "Cycles", interval = 10, anchorAt = DateTimeOffset.UtcNow.AddDays(2) })).ProblemAsync(HttpStatusCode.BadRequest);
        await (await client.PostJsonAsync("/api/v1/maintenance/plans", new { id = "PM-X", machineId = "NOPE", title = "x", trigger = "Cycles", interval = 10 })).ProblemAsync(HttpStatusCode.NotFound);
        await (await client.GetAsync("/api/v1/maintenance/orders/NOPE")).ProblemAsync(HttpStatusCode.NotFound);
        await (await client.GetAsync("/api/v1/maintenance/plans/PM-X")).ProblemAsync(HttpStatusCode.NotFound);
        Assert.Empty(await StopsAsync(client, "CNC-03"));
        Assert.Equal(before, await (await client.GetAsync("/api/v1/maintenance/orders")).Content.ReadAsStringAsync());

        var reader = await app.ReadyClientAsync(FactoryWebApp.ControlRoom);
        var forbidden = await reader.PostJsonAsync("/api/v1/maintenance/orders/MO-CNC-03-1/cancel", new { reason = "not mine to cancel" });
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);

        var cancelled = await (await client.PostJsonAsync("/api/v1/maintenance/orders/MO-CNC-03-1/cancel", new { reason = "duplicate request" })).OkJsonAsync();
        Assert.Equal("Cancelled", cancelled.GetProperty("status").GetString());
        await (await client.PostJsonAsync("/api/v1/maintenance/orders/MO-CNC-03-1/start", new { })).ProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Production_moves_off_a_machine_for_its_maintenance_window_and_comes_back_after_it()
    {
        var client = await app.ReadyClientAsync();
        // TST-01 is the demo plant's only machine that can test: its work cannot go elsewhere, so it must come back after
        // the window (on a machine with capable neighbours the plan may rightly give all of it to them). The window reaches
        // past the start of its first planned operation (nothing is released: the host's release mode is manual).
        const string machine = "TST-01";
        var now = DateTimeOffset.UtcNow;
        var before = await PlanAsync(client);
        var first = before.Where(op => op.GetProperty("machineId").GetString() == machine).Min(op => op.GetProperty("start").GetDateTimeOffset());
        var window = (Start: now.AddMinutes(-1), End: (first > now ? first : now).AddMinutes(30));
        bool InWindow(JsonElement op, string id) => op.GetProperty("machineId").GetString() == id &&
            op.GetProperty("start").GetDateTimeOffset() < window.End && op.GetProperty("end").GetDateTimeOffset() > DateTimeOffset.UtcNow;
        Assert.Contains(before, op => InWindow(op, machine));

        await (await client.PostJsonAsync("/api/v1/maintenance/orders", new
        {
            id = "MO-PLAN-1", machineId = machine, kind = "Preventive", reason = "Planned overhaul", estimatedSeconds = 4 * 3600,
        })).OkJsonAsync();
        try
        {
            await (await client.PostJsonAsync("/api/v1/maintenance/orders/MO-PLAN-1/plan", new { start = window.Start, end = window.End })).OkJsonAsync();
            var during = await PlanAsync(client);
            Assert.DoesNotContain(during, op => InWindow(op, machine));
            Assert.Contains(during, op => op.GetProperty("machineId").GetString() == machine && op.GetProperty("start").GetDateTimeOffset() >= window.End);
            Assert.Equal(before.Count, during.Count);
            Assert.Single(await StopsAsync(client, machine));
        }
        finally
        {
            // Handed back: the machine's stop and its down window go with the order.
            await (await client.PostJsonAsync("/api/v1/maintenance/orders/MO-PLAN-1/cancel", new { reason = "test done" })).OkJsonAsync();
        }

        Assert.Empty(await StopsAsync(client, machine));
    }

    [Fact]
    public async Task A_due_order_without_a_window_keeps_a_slot_in_its_window_on_a_qualified_worker_while_the_optimizer_runs()
    {
        var client = await app.ReadyClientAsync();
        const string machine = "TST-01";
        var dueBy = DateTimeOffset.UtcNow.AddHours(6);
        await (await client.PostJsonAsync("/api/v1/maintenance/orders", new
        {
            id = "MO-DUE-OPT", machineId = machine, kind = "Preventive", reason = "Check tester wiring", certification = "electrician",
            estimatedSeconds = 3600, dueBy,
        })).OkJsonAsync();
        try
        {
            // Placed by the dispatcher (told one-way), then the optimizer may replace the plan: whichever plan is in force,
            // the order shows its slot, the slot lies in the due window, and no production is on the machine in it.
            var checkedPlans = 0;
            for (var attempt = 0; attempt < 60 && checkedPlans < 3; attempt++)
            {
                await Task.Delay(250);
                var order = await (await client.GetAsync("/api/v1/maintenance/orders/MO-DUE-OPT")).OkJsonAsync();
                var plan = await (await client.GetAsync("/api/v1/sites/plant-1/plan")).OkJsonAsync();
                var slots = plan.GetProperty("maintenance").EnumerateArray().Where(m => m.GetProperty("orderId").GetString() == "MO-DUE-OPT").ToList();
                if (slots.Count == 0 || order.GetProperty("plannedStart").ValueKind == JsonValueKind.Null ||
                    order.GetProperty("plannedStart").GetDateTimeOffset() != slots[0].GetProperty("start").GetDateTimeOffset())
                {
                    continue; // not placed yet, or the plan changed between the two reads
                }

                var slot = Assert.Single(slots);
                var (start, end) = (slot.GetProperty("start").GetDateTimeOffset(), slot.GetProperty("end").GetDateTimeOffset());
                Assert.Equal(TimeSpan.FromHours(1), end - start);
                Assert.True(end <= dueBy);
                Assert.Equal("W14", slot.GetProperty("workerId").GetString());
                Assert.Equal("W14", order.GetProperty("plannedWorkerId").GetString());
                Assert.DoesNotContain(plan.GetProperty("operations").EnumerateArray(), op => op.GetProperty("machineId").GetString() == machine &&
                    op.GetProperty("start").GetDateTimeOffset() < end && op.GetProperty("end").GetDateTimeOffset() > start);
                checkedPlans++;
            }

            Assert.Equal(3, checkedPlans);
        }
        finally
        {
            await (await client.PostJsonAsync("/api/v1/maintenance/orders/MO-DUE-OPT/cancel", new { reason = "test done" })).OkJsonAsync();
        }
    }

    [Fact]
    public async Task The_demo_plants_plans_are_loaded_and_counting()
    {
        var client = await app.ReadyClientAsync();
        var plans = await (await client.GetAsync("/api/v1/maintenance/plans?machineId=CNC-01")).OkJsonAsync();
        var spindle = Assert.Single(plans.EnumerateArray(), p => p.GetProperty("id").GetString() == "PM-CNC-01-SPINDLE");
        Assert.Equal("RunHours", spindle.GetProperty("trigger").GetString());
        Assert.True(spindle.GetProperty("remaining").GetDouble() > 0);
    }

    private static async Task PostEventsAsync(HttpClient client, string machine, params object[] events) =>
        await (await client.PostJsonAsync($"/api/v1/machines/{machine}/events", new { events })).OkJsonAsync();

    private static async Task<List<string>> EvaluateAsync(HttpClient client)
    {
        var answer = await (await client.PostJsonAsync("/api/v1/maintenance/plans/evaluate", new { })).OkJsonAsync();
        return [.. answer.GetProperty("created").EnumerateArray().Select(e => e.GetString()!)];
    }

    private static async Task<List<JsonElement>> PlanAsync(HttpClient client) =>
        [.. (await (await client.GetAsync("/api/v1/sites/plant-1/plan")).OkJsonAsync()).GetProperty("operations").EnumerateArray()];

    private static async Task<List<JsonElement>> StopsAsync(HttpClient client, string machine) =>
        [.. (await (await client.GetAsync($"/api/v1/machines/{machine}/planned-stops")).OkJsonAsync()).EnumerateArray()];
}
