using System.Net.Http.Json;

namespace Factory.Browser.Tests;

/// <summary>The maintenance page: a requested order in the backlog, started and finished by a manager, then in its machine's history.</summary>
[Collection(DashboardCollection.Name)]
public sealed class MaintenancePageTests(DashboardFixture fixture)
{
    private const string Order = "MO-BROWSER-TST-01";

    [Fact]
    public async Task A_manager_starts_and_finishes_an_order_from_the_backlog_and_it_moves_to_the_machines_history()
    {
        using var api = fixture.Api(PlantUser.Manager);
        await PlantApi.OkAsync(api.PostAsJsonAsync(new Uri("/api/v1/maintenance/orders", UriKind.Relative), new
        {
            id = Order, machineId = "TST-01", kind = "Corrective", reason = "Probe drifts", skill = "electrician", estimatedSeconds = 1200,
            dueBy = DateTimeOffset.UtcNow.AddHours(-1),
        }));
        // Due and without a window, the dispatcher places it (told one-way): the order shows its slot once the plan has it.
        var deadline = DateTimeOffset.UtcNow.AddSeconds(20);
        while ((await PlantApi.GetAsync(api, $"/api/v1/maintenance/orders/{Order}")).GetProperty("plannedStart").ValueKind == System.Text.Json.JsonValueKind.Null)
        {
            Assert.True(DateTimeOffset.UtcNow < deadline, "the dispatcher never placed the order");
            await Task.Delay(200);
        }

        var page = await fixture.SignedInPageAsync(PlantUser.Manager);
        try
        {
            await page.GetByTestId("nav-maintenance").ClickAsync();
            var row = page.GetByTestId($"maintenance-order-{Order}");
            await Expect(row).ToHaveAttributeAsync("data-status", "Requested", new() { Timeout = 15_000 });
            await Expect(row).ToHaveAttributeAsync("data-overdue", "true");
            await Expect(page.GetByTestId($"maintenance-order-{Order}-placed")).ToBeVisibleAsync();
            await Expect(row).ToContainTextAsync("placed by the plan · W14");
            await Expect(page.GetByTestId("maintenance-due")).Not.ToContainTextAsync("Loading");

            await page.GetByTestId($"maintenance-order-{Order}-start").ClickAsync();
            await Expect(row).ToHaveAttributeAsync("data-status", "InProgress", new() { Timeout = 15_000 });
            await fixture.ScreenshotAsync(page, "maintenance");
            await page.GetByTestId($"maintenance-order-{Order}-finish").ClickAsync();
            await Expect(row).ToHaveCountAsync(0, new() { Timeout = 15_000 });
            var done = page.GetByTestId($"maintenance-done-{Order}");
            await Expect(done).ToContainTextAsync("Done");
            await Expect(done).ToContainTextAsync("manager");
            await Expect(page.GetByTestId("maintenance-history-TST-01")).ToBeVisibleAsync();

            var order = await PlantApi.GetAsync(api, $"/api/v1/maintenance/orders/{Order}");
            Assert.Equal("Done", order.GetProperty("status").GetString());

            // The machine page shows the machine's plan closest to due (the demo plant's spindle plan on CNC-01).
            await page.GotoAsync("/#/machine/CNC-01");
            await Expect(page.GetByTestId("next-maintenance-CNC-01")).ToContainTextAsync("PM-CNC-01-SPINDLE", new() { Timeout = 15_000 });
            await Expect(page.GetByTestId("next-maintenance-CNC-01")).ToContainTextAsync("run h");
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task A_maintenance_user_lands_on_the_maintenance_page_and_starts_an_order_but_may_not_move_work()
    {
        const string order = "MO-BROWSER-MAINT-ASM-02";
        using var api = fixture.Api(PlantUser.Manager);
        await PlantApi.OkAsync(api.PostAsJsonAsync(new Uri("/api/v1/maintenance/orders", UriKind.Relative), new
        {
            id = order, machineId = "ASM-02", kind = "Corrective", reason = "Gripper loose", estimatedSeconds = 600,
        }));
        var page = await fixture.SignedInPageAsync(PlantUser.Maintenance);
        try
        {
            await Expect(page.GetByTestId("maintenance-page")).ToBeVisibleAsync(new() { Timeout = 15_000 });
            await Expect(page.GetByTestId("user-role")).ToHaveAttributeAsync("data-role", "Maintenance");
            var row = page.GetByTestId($"maintenance-order-{order}");
            await page.GetByTestId($"maintenance-order-{order}-start").ClickAsync(new() { Timeout = 15_000 });
            await Expect(row).ToHaveAttributeAsync("data-status", "InProgress", new() { Timeout = 15_000 });
            var started = await PlantApi.GetAsync(api, $"/api/v1/maintenance/orders/{order}");
            Assert.Equal("maintenance", started.GetProperty("startedBy").GetString());

            // Production work is not theirs to move: the board is read only.
            await page.GotoAsync("/#/board");
            await Expect(page.GetByTestId("board")).ToHaveAttributeAsync("data-can-manage", "false", new() { Timeout = 15_000 });
            await Expect(page.Locator("[data-testid^=reassign-]")).ToHaveCountAsync(0);
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task A_manager_makes_a_corrective_order_from_a_stop_on_the_performance_page_in_one_click()
    {
        // A stop of its own in a past early shift (Tuesday 2026-11-03, 07:30-07:50 in Berlin), backfilled through the API.
        var shift = new DateTimeOffset(2026, 11, 3, 5, 0, 0, TimeSpan.Zero);
        var stopAt = shift.AddMinutes(90);
        using var api = fixture.Api(PlantUser.Manager);
        (await api.PostAsJsonAsync(new Uri("/api/v1/machines/LBL-01/events", UriKind.Relative), new
        {
            events = new object[]
            {
                new { at = shift.AddMinutes(60), state = "Execute" },
                new { at = stopAt, state = "Stopped" },
                new { at = shift.AddMinutes(110), state = "Execute" },
            },
        })).EnsureSuccessStatusCode();
        var kpis = $"/#/kpis?window=custom&from={Uri.EscapeDataString(shift.ToString("O"))}&to={Uri.EscapeDataString(shift.AddHours(8).ToString("O"))}";

        // The control room sees the stop but may not order maintenance.
        var control = await fixture.SignedInPageAsync(PlantUser.ControlRoom);
        try
        {
            await control.GotoAsync(kpis);
            await Expect(control.Locator("[data-testid=downtime-stops] tr[data-machine='LBL-01']").First).ToBeVisibleAsync(new() { Timeout = 15_000 });
            await Expect(control.Locator("[data-testid=downtime-stops] button[data-action=order]")).ToHaveCountAsync(0);
        }
        finally
        {
            await control.Context.CloseAsync();
        }

        var page = await fixture.SignedInPageAsync(PlantUser.Manager);
        try
        {
            await page.GotoAsync(kpis);
            var row = page.Locator("[data-testid=downtime-stops] tr[data-machine='LBL-01']").Filter(new() { Has = page.Locator("button[data-action=order]") }).First;
            await Expect(row).ToBeVisibleAsync(new() { Timeout = 15_000 });
            var startText = (await row.GetAttributeAsync("data-interval-start"))!;
            Assert.Equal(stopAt, DateTimeOffset.Parse(startText, System.Globalization.CultureInfo.InvariantCulture));
            var stopRow = $"[data-testid=downtime-stops] tr[data-machine='LBL-01'][data-interval-start='{startText}']";
            var button = row.Locator("button[data-action=order]");
            await Expect(button).ToHaveTextAsync("Create maintenance order");
            await button.ClickAsync();

            var made = page.Locator($"{stopRow} [data-testid=stop-order]");
            await Expect(made).ToContainTextAsync("created", new() { Timeout = 15_000 });
            await Expect(made).ToHaveAttributeAsync("href", "#/maintenance");
            await fixture.ScreenshotAsync(page, "kpis-stop-order");

            var orders = await PlantApi.GetAsync(api, "/api/v1/maintenance/orders?machineId=LBL-01");
            var order = Assert.Single(orders.EnumerateArray(), o => o.GetProperty("downtimeStart").ValueKind != System.Text.Json.JsonValueKind.Null &&
                o.GetProperty("downtimeStart").GetDateTimeOffset() == stopAt);
            Assert.Equal("Corrective", order.GetProperty("kind").GetString());
            Assert.Equal("Requested", order.GetProperty("status").GetString());
            Assert.Equal(System.Text.Json.JsonValueKind.Null, order.GetProperty("alarmId").ValueKind);
            Assert.Contains("LBL-01", order.GetProperty("reason").GetString());
            // The page sends no estimate: the host's, from LBL-01's repairs done, of which there are none yet, so the default hour.
            Assert.Equal(3600, order.GetProperty("estimatedSeconds").GetDouble());
            var id = order.GetProperty("id").GetString()!;
            await Expect(made).ToContainTextAsync(id);

            // Read again, the stop shows its order instead of a second button; the link leads to the order on the maintenance page.
            await page.ReloadAsync();
            await Expect(made).ToContainTextAsync(id, new() { Timeout = 15_000 });
            await Expect(page.Locator($"{stopRow} button[data-action=order]")).ToHaveCountAsync(0);
            await made.ClickAsync();
            await Expect(page.GetByTestId($"maintenance-order-{id}")).ToHaveAttributeAsync("data-status", "Requested", new() { Timeout = 15_000 });
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }
}
