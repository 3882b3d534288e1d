using System.Globalization;
using System.Net.Http.Json;
using System.Text.RegularExpressions;

namespace Factory.Browser.Tests;

/// <summary>The control room's alarms page, the performance page and the manager's audit page against the running plant.</summary>
[Collection(DashboardCollection.Name)]
public sealed partial class ManagerPagesTests(DashboardFixture fixture)
{
    private const string Alarm = "CNC-03.fault-latched";

    [Fact]
    public async Task An_alarm_from_the_plant_is_acknowledged_on_one_screen_seen_live_on_another_and_listed_in_the_audit()
    {
        var operatorPage = await fixture.SignedInPageAsync(PlantUser.ControlRoom);
        var managerPage = await fixture.SignedInPageAsync(PlantUser.Manager);
        foreach (var page in new[] { operatorPage, managerPage })
        {
            await page.GetByTestId("nav-alarms").ClickAsync();
            await Expect(page.GetByTestId("alarm-active")).ToHaveAttributeAsync("data-live", "true", new() { Timeout = 15_000 });
        }

        // The PLC's fault bit of CNC-03 rises and falls (a source without OPC UA posts it the same way): the latched
        // alarm has returned to normal unacknowledged, and waits for an operator.
        using var api = fixture.Api(PlantUser.Manager);
        var at = DateTimeOffset.UtcNow;
        (await api.PostAsJsonAsync(new Uri("/api/v1/machines/CNC-03/events", UriKind.Relative), new
        {
            events = new object[] { new { at, tags = new { fault = 1 } }, new { at = at.AddMilliseconds(1), tags = new { fault = 0 } } },
        })).EnsureSuccessStatusCode();
        var operatorRow = operatorPage.GetByTestId($"alarm-{Alarm}");
        var managerRow = managerPage.GetByTestId($"alarm-{Alarm}");
        await Expect(operatorRow).ToHaveAttributeAsync("data-state", "ReturnedUnacknowledged", new() { Timeout = 15_000 });
        await Expect(managerRow).ToHaveAttributeAsync("data-state", "ReturnedUnacknowledged", new() { Timeout = 15_000 });
        await Expect(operatorPage.GetByTestId("alarm-count")).Not.ToHaveAttributeAsync("data-unacknowledged", "0");
        await fixture.ScreenshotAsync(operatorPage, "alarms-unacknowledged");

        await operatorPage.GetByTestId($"alarm-ack-{Alarm}").ClickAsync();
        await Expect(operatorRow).ToHaveAttributeAsync("data-state", "Latched", new() { Timeout = 10_000 });
        // The other screen did nothing: only the hub's AlarmChanged can have told it.
        await Expect(managerRow).ToHaveAttributeAsync("data-state", "Latched", new() { Timeout = 10_000 });
        await Expect(managerPage.GetByTestId($"alarm-ack-{Alarm}")).ToHaveCountAsync(0);
        var live = await PlantApi.GetAsync(api, "/api/v1/alarms?machineId=CNC-03");
        Assert.Equal("Latched", live.GetProperty("alarms").EnumerateArray().Single(a => a.GetProperty("id").GetString() == Alarm).GetProperty("state").GetString());

        // Latched until someone resets it; then it is normal again and leaves the active list on both screens.
        await managerPage.GetByTestId($"alarm-reset-{Alarm}").ClickAsync();
        await Expect(operatorRow).ToHaveCountAsync(0, new() { Timeout = 10_000 });
        await Expect(managerRow).ToHaveCountAsync(0, new() { Timeout = 10_000 });

        // The history search finds the acknowledgement under the operator's name.
        await operatorPage.Locator("[data-testid=alarm-search] [name=user]").FillAsync("control");
        await operatorPage.GetByTestId("alarm-search-submit").ClickAsync();
        await Expect(operatorPage.Locator($"[data-testid=alarm-event][data-alarm='{Alarm}'][data-action=Acknowledged]")).ToHaveCountAsync(1, new() { Timeout = 10_000 });
        await Expect(operatorPage.Locator($"[data-testid=alarm-event][data-alarm='{Alarm}'][data-action=Reset]")).ToHaveCountAsync(0);
        await Expect(operatorPage.GetByTestId("alarm-csv")).ToHaveAttributeAsync("href", new Regex("user=control"));
        await fixture.ScreenshotAsync(operatorPage, "alarms-acknowledged");

        // The audit page is the manager's: the acknowledgement is there with who, what and the result; the chain holds.
        await Expect(operatorPage.GetByTestId("nav-audit")).ToHaveCountAsync(0);
        await managerPage.GetByTestId("nav-audit").ClickAsync();
        await Expect(managerPage.GetByTestId("audit-chain")).ToHaveAttributeAsync("data-intact", "true", new() { Timeout = 15_000 });
        var entry = managerPage.Locator("tr[data-action='alarm.acknowledge'][data-who='control'][data-result='accepted']");
        await Expect(entry.First).ToContainTextAsync(Alarm, new() { Timeout = 10_000 });
        await managerPage.Locator("[data-testid=audit-filter] [name=action]").FillAsync("alarm.");
        await managerPage.GetByTestId("audit-search").ClickAsync();
        await Expect(managerPage.Locator("tr[data-action]:not([data-action^='alarm.'])")).ToHaveCountAsync(0, new() { Timeout = 10_000 });
        await Expect(entry.First).ToBeVisibleAsync();
        await fixture.ScreenshotAsync(managerPage, "audit");
        await operatorPage.Context.CloseAsync();
        await managerPage.Context.CloseAsync();
    }

    [Fact]
    public async Task The_alarm_list_is_marked_not_live_while_the_hub_is_down_and_catches_up_on_reconnect()
    {
        const string alarm = "CNC-01.fault";
        var page = await fixture.SignedInPageAsync(PlantUser.ControlRoom);
        await page.GetByTestId("nav-alarms").ClickAsync();
        var list = page.GetByTestId("alarm-active");
        var badge = page.GetByTestId("alarm-count");
        await Expect(list).ToHaveAttributeAsync("data-live", "true", new() { Timeout = 15_000 });

        await page.EvaluateAsync("() => window.factory.drop()");
        await Expect(list).ToHaveAttributeAsync("data-live", "false");
        await Expect(badge).ToHaveAttributeAsync("data-live", "false");
        using var api = fixture.Api(PlantUser.Manager);
        var at = DateTimeOffset.UtcNow;
        (await api.PostAsJsonAsync(new Uri("/api/v1/machines/CNC-01/events", UriKind.Relative), new
        {
            events = new object[] { new { at, tags = new { fault = 1 } }, new { at = at.AddMilliseconds(1), tags = new { fault = 0 } } },
        })).EnsureSuccessStatusCode();
        await Expect(page.GetByTestId($"alarm-{alarm}")).ToHaveCountAsync(0); // nothing arrives while down
        await fixture.ScreenshotAsync(page, "alarms-hub-down");

        await page.EvaluateAsync("() => window.factory.restore()");
        await Expect(list).ToHaveAttributeAsync("data-live", "true", new() { Timeout = 15_000 });
        await Expect(page.GetByTestId($"alarm-{alarm}")).ToHaveAttributeAsync("data-state", "ReturnedUnacknowledged");
        await Expect(badge).ToHaveAttributeAsync("data-live", "true");
        await Expect(badge).Not.ToHaveAttributeAsync("data-unacknowledged", "0");

        // Acknowledged after it cleared, a non-latched alarm is normal again and leaves the list.
        await page.GetByTestId($"alarm-ack-{alarm}").ClickAsync();
        await Expect(page.GetByTestId($"alarm-{alarm}")).ToHaveCountAsync(0, new() { Timeout = 10_000 });
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_manager_takes_an_alarm_out_of_service_and_back_and_the_control_room_cannot()
    {
        const string alarm = "CNC-02.spindle-temp-high";
        var control = await fixture.SignedInPageAsync(PlantUser.ControlRoom);
        var manager = await fixture.SignedInPageAsync(PlantUser.Manager);
        foreach (var page in new[] { control, manager })
        {
            await page.GetByTestId("nav-alarms").ClickAsync();
            await Expect(page.GetByTestId("alarm-active")).ToHaveAttributeAsync("data-live", "true", new() { Timeout = 15_000 });
            await page.GetByTestId("alarm-show-all").CheckAsync();
            await Expect(page.GetByTestId($"alarm-{alarm}")).ToBeVisibleAsync();
        }

        await Expect(control.GetByTestId($"alarm-out-of-service-{alarm}")).ToHaveCountAsync(0);
        await Expect(control.GetByTestId($"alarm-suppress-{alarm}")).ToHaveCountAsync(0);

        // Without a reason the page refuses before asking the host; with one, the state changes on both screens.
        await manager.GetByTestId($"alarm-out-of-service-{alarm}").ClickAsync();
        await Expect(manager.GetByTestId($"alarm-refusal-{alarm}")).ToContainTextAsync("reason");
        await manager.GetByTestId($"alarm-reason-{alarm}").FillAsync("thermocouple replaced");
        await manager.GetByTestId($"alarm-out-of-service-{alarm}").ClickAsync();
        await Expect(manager.GetByTestId($"alarm-{alarm}")).ToHaveAttributeAsync("data-state", "OutOfService", new() { Timeout = 10_000 });
        await Expect(control.GetByTestId($"alarm-{alarm}")).ToHaveAttributeAsync("data-state", "OutOfService", new() { Timeout = 10_000 });
        await fixture.ScreenshotAsync(manager, "alarms-out-of-service");

        await manager.GetByTestId($"alarm-return-to-service-{alarm}").ClickAsync();
        await Expect(control.GetByTestId($"alarm-{alarm}")).Not.ToHaveAttributeAsync("data-state", "OutOfService", new() { Timeout = 10_000 });
        using var api = fixture.Api(PlantUser.Manager);
        var audit = await PlantApi.GetAsync(api, "/api/v1/audit?action=alarm.out-of-service");
        Assert.Contains(audit.EnumerateArray(), e => e.GetProperty("why").GetString() == "thermocouple replaced" && e.GetProperty("result").GetString() == "accepted");
        await control.Context.CloseAsync();
        await manager.Context.CloseAsync();
    }

    [Fact]
    public async Task An_operator_explains_a_stop_on_the_performance_page_and_the_pareto_and_the_api_follow()
    {
        // A stop of its own in a past early shift (Monday 2026-11-02, 07:30-07:50 in Berlin, between the calendar's
        // breaks), backfilled through the API: the current shift may be in a break or have no stop when the test runs.
        var shiftStart = new DateTimeOffset(2026, 11, 2, 5, 0, 0, TimeSpan.Zero);
        using (var backfill = fixture.Api(PlantUser.Manager))
        {
            (await backfill.PostAsJsonAsync(new Uri("/api/v1/machines/INS-01/events", UriKind.Relative), new
            {
                events = new object[]
                {
                    new { at = shiftStart.AddMinutes(60), state = "Execute" },
                    new { at = shiftStart.AddMinutes(90), state = "Stopped" },
                    new { at = shiftStart.AddMinutes(110), state = "Execute" },
                },
            })).EnsureSuccessStatusCode();
        }

        var page = await fixture.SignedInPageAsync(PlantUser.ControlRoom);
        await page.GotoAsync($"/#/kpis?window=custom&from={Uri.EscapeDataString(shiftStart.ToString("O"))}&to={Uri.EscapeDataString(shiftStart.AddHours(8).ToString("O"))}");
        var stop = page.Locator("[data-testid=downtime-stops] tr[data-machine='INS-01'][data-unexplained=true]").First;
        await Expect(stop).ToBeVisibleAsync(new() { Timeout = 15_000 });
        var machine = (await stop.GetAttributeAsync("data-machine"))!;
        var intervalStart = (await stop.GetAttributeAsync("data-interval-start"))!;

        await stop.Locator("[data-role=code]").SelectOptionAsync("changeover");
        await stop.Locator("[data-role=comment]").FillAsync("new fixture");
        await stop.Locator("button[data-action=attach]").ClickAsync();
        var explained = page.Locator($"[data-testid=downtime-stops] tr[data-machine='{machine}'][data-interval-start='{intervalStart}']").First;
        await Expect(explained).ToHaveAttributeAsync("data-unexplained", "false", new() { Timeout = 15_000 });
        await Expect(page.GetByTestId("pareto-changeover")).ToBeVisibleAsync();
        await fixture.ScreenshotAsync(page, "kpis-reason-attached");

        using var api = fixture.Api(PlantUser.ControlRoom);
        var start = DateTimeOffset.Parse(intervalStart, System.Globalization.CultureInfo.InvariantCulture);
        var report = await PlantApi.GetAsync(api,
            $"/api/v1/downtime?entity=machine&id={machine}&from={Uri.EscapeDataString(start.ToString("O"))}&to={Uri.EscapeDataString(DateTimeOffset.UtcNow.ToString("O"))}");
        Assert.Contains(report.GetProperty("stops").EnumerateArray(), s =>
            s.GetProperty("intervalStart").GetDateTimeOffset() == start && s.GetProperty("reasonCode").GetString() == "changeover");
        using var managerApi = fixture.Api(PlantUser.Manager);
        var audit = await PlantApi.GetAsync(managerApi, "/api/v1/audit?action=downtime.reason&user=control");
        Assert.Contains(audit.EnumerateArray(), e => e.GetProperty("why").GetString() == "new fixture" && e.GetProperty("result").GetString() == "accepted");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_performance_page_shows_each_line_s_oee_as_the_api_computes_it_and_the_shift_of_the_calendar()
    {
        var page = await fixture.SignedInPageAsync(PlantUser.ControlRoom);
        using var api = fixture.Api(PlantUser.ControlRoom);

        // The current shift comes from the site's calendar: the page's live window starts where the API says.
        var shift = await PlantApi.GetAsync(api, "/api/v1/sites/plant-1/shifts/current");
        await page.GetByTestId("nav-kpis").ClickAsync();
        var table = page.GetByTestId("kpi-table");
        await Expect(table).ToHaveAttributeAsync("data-window", "shift", new() { Timeout = 15_000 });
        await Expect(page.Locator("[data-testid=kpi-window-label]")).ToContainTextAsync(shift.GetProperty("name").GetString()!, new() { Timeout = 15_000 });
        await Expect(table).ToHaveAttributeAsync("data-from", new Regex("."), new() { Timeout = 15_000 });
        Assert.Equal(shift.GetProperty("start").GetDateTimeOffset(), DateTimeOffset.Parse((await table.GetAttributeAsync("data-from"))!, CultureInfo.InvariantCulture));
        // Live: the hub's KpiChanged moves the running window's figures on without a reload.
        var siteRow = page.GetByTestId("kpi-site-plant-1");
        var firstTo = await siteRow.GetAttributeAsync("data-to");
        Assert.NotNull(firstTo);
        await Expect(siteRow).Not.ToHaveAttributeAsync("data-to", firstTo, new() { Timeout = 15_000 });
        await Expect(table).Not.ToHaveAttributeAsync("data-live-updates", "0");
        await fixture.ScreenshotAsync(page, "kpis-shift");

        // "Today" starts at midnight in the site's time zone, whatever the browser's.
        await page.GetByTestId("kpi-window").SelectOptionAsync("today");
        await page.GetByTestId("kpi-apply").ClickAsync();
        await Expect(table).ToHaveAttributeAsync("data-window", "today", new() { Timeout = 15_000 });
        var berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
        var localNow = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, berlin);
        var midnight = new DateTimeOffset(localNow.Date, berlin.GetUtcOffset(localNow.Date));
        await Expect(page.GetByTestId("kpi-site-plant-1")).ToHaveAttributeAsync("data-from", new Regex("."), new() { Timeout = 15_000 });
        Assert.Equal(midnight, DateTimeOffset.Parse((await table.GetAttributeAsync("data-from"))!, CultureInfo.InvariantCulture));

        // A closed window in the past: figures no longer move, so the screen and the API must agree (to the rounding shown).
        // Counts are kept at one record per machine and minute, stamped with the minute's first sample: a window ending on
        // a whole minute that has passed holds only settled records.
        var now = DateTimeOffset.UtcNow;
        var to = new DateTimeOffset(now.UtcTicks - (now.UtcTicks % TimeSpan.TicksPerMinute), TimeSpan.Zero);
        if (now - to < TimeSpan.FromSeconds(5))
        {
            to = to.AddMinutes(-1);
        }

        var from = to.AddMinutes(-3);
        await page.GotoAsync($"/#/kpis?window=custom&from={Uri.EscapeDataString(from.ToString("O"))}&to={Uri.EscapeDataString(to.ToString("O"))}");
        await Expect(table).ToHaveAttributeAsync("data-window", "custom", new() { Timeout = 15_000 });
        foreach (var line in new[] { "L1", "L2", "L3" })
        {
            var cell = page.GetByTestId($"kpi-line-{line}-oee");
            await Expect(cell).ToBeVisibleAsync(new() { Timeout = 15_000 });
            var rows = await PlantApi.GetAsync(api, $"/api/v1/kpis?entity=line&id={line}&from={Uri.EscapeDataString(from.ToString("O"))}&to={Uri.EscapeDataString(to.ToString("O"))}");
            var oee = rows[0].GetProperty("oee");
            var shown = (await cell.TextContentAsync())!.Trim();
            if (oee.ValueKind == System.Text.Json.JsonValueKind.Null)
            {
                Assert.Equal("—", shown);
            }
            else
            {
                var percent = double.Parse(shown.TrimEnd('%'), CultureInfo.InvariantCulture);
                Assert.True(Math.Abs(percent - (oee.GetDouble() * 100)) <= 0.051, $"{line}: the page shows {shown}, the API says {oee.GetDouble():P3}");
            }
        }

        await Expect(page.GetByTestId("pareto")).ToBeVisibleAsync();
        await page.GetByTestId("downtime-scope").SelectOptionAsync("line:L1");
        await Expect(page.GetByTestId("downtime")).ToHaveAttributeAsync("data-id", "L1", new() { Timeout = 15_000 });
        var l1 = (await PlantApi.GetAsync(api, "/api/v1/lines/L1")).GetProperty("machineIds").EnumerateArray().Select(m => m.GetString()).ToHashSet();
        foreach (var machine in await page.Locator("[data-testid=downtime-stops] tr[data-machine]").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.machine)"))
        {
            Assert.Contains(machine, l1);
        }

        await Expect(page.GetByTestId("kpi-csv")).ToHaveAttributeAsync("href", new Regex("^/api/v1/kpis\\.csv\\?entity=site&id=plant-1&from="));
        await fixture.ScreenshotAsync(page, "kpis-custom");

        // The line page's timeline starts at the same shift.
        await page.GotoAsync("/#/line/L1");
        await Expect(page.GetByTestId("shift-label")).ToContainTextAsync(shift.GetProperty("name").GetString()!, new() { Timeout = 15_000 });
        await page.Context.CloseAsync();
    }
}
