using System.Net.Http.Json;

namespace Factory.Browser.Tests;

/// <summary>The operator station on a tablet: the operator lands on their machine, explains a stop, enters scrap, pulls the andon, and cannot act elsewhere.</summary>
[Collection(DashboardCollection.Name)]
public sealed class StationTests(DashboardFixture fixture)
{
    [Fact]
    public async Task An_operator_on_a_tablet_explains_a_stop_enters_scrap_and_pulls_the_andon_which_the_control_room_sees_and_is_refused_on_another_machine()
    {
        using var api = fixture.Api(PlantUser.Manager);
        await PlantApi.OkAsync(PlantApi.CommandAsync(api, "CNC-01", "Hold"));
        await PlantApi.SettledStateAsync(api, "CNC-01", "Held");
        var control = await fixture.SignedInPageAsync(PlantUser.ControlRoom);
        var context = await fixture.NewContextAsync();
        try
        {
            var page = await context.NewPageAsync();
            await page.SetViewportSizeAsync(768, 1024);
            await page.GotoAsync("/");
            await page.GetByTestId("signin-user").FillAsync(PlantUser.Operator.Name);
            await page.GetByTestId("signin-password").FillAsync(PlantUser.Operator.Password);
            await page.GetByTestId("signin-submit").ClickAsync();

            // The operator lands on their first machine's station, with its controls.
            var station = page.GetByTestId("station-CNC-01");
            await Expect(station).ToHaveAttributeAsync("data-may-act", "true", new() { Timeout = 15_000 });
            await Expect(page.GetByTestId("station-state")).ToHaveAttributeAsync("data-state", "Held", new() { Timeout = 15_000 });
            var stop = page.GetByTestId("station-stop");
            await Expect(stop).ToBeVisibleAsync(new() { Timeout = 15_000 });
            await Expect(page.GetByTestId("station-readonly")).ToHaveCountAsync(0);
            // Jobs are released by hand in this host, and none is on CNC-01: the instructions say so.
            await Expect(page.GetByTestId("station-instructions-none")).ToContainTextAsync("No job on the machine");

            // The next operations are the plan's for this machine (at most five).
            var plan = await PlantApi.GetAsync(api, "/api/v1/sites/plant-1/plan");
            var planned = plan.GetProperty("operations").EnumerateArray()
                .Count(o => o.GetProperty("machineId").GetString() == "CNC-01" && o.GetProperty("end").GetDateTimeOffset() > DateTimeOffset.UtcNow);
            await Expect(page.GetByTestId("station-next")).ToHaveAttributeAsync("data-count", Math.Min(planned, 5).ToString(System.Globalization.CultureInfo.InvariantCulture), new() { Timeout = 15_000 });

            await page.GetByTestId("station-reason-mechanical").ClickAsync();
            await Expect(page.GetByTestId("station-message")).ToContainTextAsync("attached", new() { Timeout = 15_000 });
            await Expect(stop).ToHaveAttributeAsync("data-reason", "mechanical", new() { Timeout = 15_000 });
            var intervalStart = DateTimeOffset.Parse((await stop.GetAttributeAsync("data-interval-start"))!, System.Globalization.CultureInfo.InvariantCulture);
            var from = Uri.EscapeDataString(intervalStart.ToString("O"));
            var report = await PlantApi.GetAsync(api, $"/api/v1/downtime?entity=machine&id=CNC-01&from={from}&to={Uri.EscapeDataString(DateTimeOffset.UtcNow.AddMinutes(1).ToString("O"))}");
            Assert.Contains(report.GetProperty("stops").EnumerateArray(), s =>
                s.GetProperty("intervalStart").GetDateTimeOffset() == intervalStart && s.GetProperty("reasonCode").GetString() == "mechanical");

            await page.GetByTestId("station-scrap-quantity").FillAsync("2");
            await page.GetByTestId("station-scrap-reason").FillAsync("burrs on the edge");
            await page.GetByTestId("station-scrap-submit").ClickAsync();
            await Expect(page.GetByTestId("station-message")).ToContainTextAsync("2 scrap recorded", new() { Timeout = 15_000 });
            var audit = await PlantApi.GetAsync(api, "/api/v1/audit?action=scrap.entry&user=operator");
            Assert.Contains(audit.EnumerateArray(), e => e.GetProperty("why").GetString() == "burrs on the edge" && e.GetProperty("result").GetString() == "accepted");

            await page.GetByTestId("station-andon-maintenance").ClickAsync();
            await Expect(page.GetByTestId("station-call-maintenance")).ToBeVisibleAsync(new() { Timeout = 15_000 });
            await Expect(page.GetByTestId("station-andon-maintenance")).ToBeDisabledAsync();
            await AssertNoSidewaysScrollAsync(page);
            await fixture.ScreenshotAsync(page, "station-tablet-portrait");
            await page.SetViewportSizeAsync(1024, 768);
            await AssertNoSidewaysScrollAsync(page);
            await fixture.ScreenshotAsync(page, "station-tablet-landscape");

            // The control room sees the call on the overview, live.
            await control.GotoAsync("/#/");
            var call = control.GetByTestId("andon-call-CNC-01-maintenance");
            await Expect(call).ToBeVisibleAsync(new() { Timeout = 15_000 });
            await Expect(call).ToContainTextAsync("maintenance");
            await fixture.ScreenshotAsync(control, "overview-andon-call");

            // Another machine's station is read-only for the operator, and the host refuses the call anyway.
            await page.GotoAsync("/#/station/CNC-04");
            await Expect(page.GetByTestId("station-readonly")).ToBeVisibleAsync(new() { Timeout = 15_000 });
            await Expect(page.GetByTestId("station-CNC-04")).ToHaveAttributeAsync("data-may-act", "false");
            await Expect(page.Locator("[data-testid^=station-andon-]:not([data-testid=station-andon-open])")).ToHaveCountAsync(0);
            await Expect(page.Locator("[data-testid^=station-reason-]")).ToHaveCountAsync(0);
            var refused = await page.APIRequest.PostAsync("/api/v1/machines/CNC-04/andon", new() { DataObject = new { kind = "help" } });
            Assert.Equal(403, refused.Status);

            // Hand back: the call is answered at the station and acknowledged in the control room; the machine runs again.
            await page.GotoAsync("/#/station/CNC-01");
            await page.GetByTestId("station-answer-maintenance").ClickAsync();
            await Expect(page.GetByTestId("station-andon-open")).ToHaveAttributeAsync("data-count", "0", new() { Timeout = 15_000 });
            await Expect(call).ToHaveCountAsync(0, new() { Timeout = 15_000 });
        }
        finally
        {
            await context.CloseAsync();
            await control.Context.CloseAsync();
            (await api.PostAsJsonAsync(new Uri("/api/v1/alarms/CNC-01.andon.maintenance/acknowledge", UriKind.Relative), new { comment = "test done" })).Dispose();
            await PlantApi.OkAsync(PlantApi.CommandAsync(api, "CNC-01", "Unhold"));
            await PlantApi.SettledStateAsync(api, "CNC-01", "Execute");
        }
    }

    [Fact]
    public async Task The_station_shows_the_work_instructions_of_the_job_on_its_machine()
    {
        using var api = fixture.Api(PlantUser.Manager);
        // An order only LBL-01 can run (no demo order needs it), released by hand as this host does.
        await PlantApi.OkAsync(api.PostAsJsonAsync(new Uri("/api/v1/workorders", UriKind.Relative), new
        {
            id = "WI-STATION", siteId = "plant-1", product = "Label check", quantity = 1, dueDate = DateTimeOffset.UtcNow.AddHours(8), priority = 1,
            operations = new object[]
            {
                new
                {
                    sequence = 10, name = "Label", capability = "label", standardDurationSeconds = 600, allowedMachines = new[] { "LBL-01" },
                    instructions = "Check the label roll.\nScan the first label.", instructionsUrl = "https://docs.example.com/wi/label",
                },
            },
        }));
        var page = await fixture.SignedInPageAsync(PlantUser.Manager);
        try
        {
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while ((await PlantApi.GetAsync(api, "/api/v1/workorders/WI-STATION")).GetProperty("operations")[0].GetProperty("machineId").GetString() != "LBL-01")
            {
                Assert.True(DateTime.UtcNow < deadline, "the plan did not put WI-STATION on LBL-01 within 30 s");
                await Task.Delay(200);
            }

            await PlantApi.OkAsync(api.PostAsync(new Uri("/api/v1/workorders/WI-STATION/operations/10/release", UriKind.Relative), null));
            await page.GotoAsync("/#/station/LBL-01");
            var instructions = page.GetByTestId("station-instructions");
            await Expect(instructions).ToContainTextAsync("Scan the first label.", new() { Timeout = 15_000 });
            await Expect(page.GetByTestId("station-instructions-link")).ToHaveAttributeAsync("href", "https://docs.example.com/wi/label");
            await Expect(page.GetByTestId("station-instructions-link")).ToHaveAttributeAsync("rel", "noopener noreferrer");
            await fixture.ScreenshotAsync(page, "station-work-instructions");
        }
        finally
        {
            await page.Context.CloseAsync();
            (await api.PostAsJsonAsync(new Uri("/api/v1/workorders/WI-STATION/cancel", UriKind.Relative), new { reason = "test done" })).Dispose();
        }
    }

    private static async Task AssertNoSidewaysScrollAsync(IPage page)
    {
        var (scroll, client) = (await page.EvaluateAsync<int>("document.documentElement.scrollWidth"), await page.EvaluateAsync<int>("document.documentElement.clientWidth"));
        Assert.True(scroll <= client, $"the station scrolls sideways: {scroll} px wide in {client} px");
    }
}
