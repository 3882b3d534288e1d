using System.Net.Http.Json;

namespace Factory.Browser.Tests;

/// <summary>
/// The maintenance page's reliability section, opened from a machine's page: the machine's review (failures, failure
/// reasons, cost of downtime, compliance), the MTBF/MTTR trend per day for 7 or 30 days, and its maintenance history.
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed class ReliabilityPageTests(DashboardFixture fixture)
{
    private const string Machine = "INS-01";
    private const string Order = "MO-BROWSER-INS-01";

    [Fact]
    public async Task The_machine_page_links_to_its_review_with_failures_reasons_cost_compliance_trend_and_history()
    {
        using var api = fixture.Api(PlantUser.Manager);
        // Two days back, where nothing live touches the log: a half-hour mechanical failure.
        var at = new DateTimeOffset(DateTimeOffset.UtcNow.UtcDateTime.Date, TimeSpan.Zero).AddDays(-2).AddHours(9);
        await PlantApi.OkAsync(api.PostAsJsonAsync(new Uri($"/api/v1/machines/{Machine}/events", UriKind.Relative), new
        {
            events = new object[]
            {
                new { at, state = "Execute" },
                new { at = at.AddHours(1), state = "Stopped" },
                new { at = at.AddMinutes(90), state = "Execute" },
            },
        }));
        await PlantApi.OkAsync(api.PostAsJsonAsync(new Uri($"/api/v1/machines/{Machine}/downtime/{Uri.EscapeDataString(at.AddHours(1).ToString("O"))}/reason", UriKind.Relative),
            new { code = "mechanical" }));
        await PlantApi.OkAsync(api.PostAsJsonAsync(new Uri("/api/v1/maintenance/orders", UriKind.Relative), new
        {
            id = Order, machineId = Machine, kind = "Preventive", reason = "Camera lens cleaning", estimatedSeconds = 900,
            dueBy = DateTimeOffset.UtcNow.AddHours(-1),
        }));

        var page = await fixture.SignedInPageAsync(PlantUser.Manager);
        try
        {
            await page.GotoAsync($"/#/machine/{Machine}");
            await page.GetByTestId($"review-link-{Machine}").ClickAsync();
            var section = page.GetByTestId("reliability");
            await Expect(section).ToHaveAttributeAsync("data-loaded", "true", new() { Timeout = 15_000 });
            await Expect(section).ToHaveAttributeAsync("data-machine", Machine);
            await Expect(page.GetByTestId("reliability-machine")).ToHaveValueAsync(Machine);

            await Expect(page.GetByTestId("reliability-reason-mechanical")).ToHaveAttributeAsync("data-seconds", "1800");
            await Expect(page.GetByTestId("reliability-reason-mechanical")).ToContainTextAsync("Mechanical failure");
            await Expect(page.GetByTestId("reliability-mttr")).Not.ToContainTextAsync("—");
            // INS-01 has a machine rate in the demo plant: its downtime has a price.
            await Expect(page.GetByTestId("reliability-cost")).ToContainTextAsync("€");
            await Expect(page.GetByTestId($"reliability-due-{Order}")).ToHaveAttributeAsync("data-outcome", "Overdue");
            await Expect(page.GetByTestId($"reliability-due-{Order}")).ToContainTextAsync("overdue");
            await Expect(page.GetByTestId("reliability-compliance")).ToContainTextAsync("0 of 1 on time");
            await Expect(page.GetByTestId($"reliability-order-{Order}")).ToContainTextAsync("Camera lens cleaning");

            // The failure's day in the trend counts it; the week has a row per UTC day (a part day at each end).
            await Expect(page.GetByTestId($"reliability-day-{at:yyyy-MM-dd}")).ToHaveAttributeAsync("data-failures", "1");
            Assert.InRange(await page.Locator("[data-testid=reliability-trend] tr[data-failures]").CountAsync(), 7, 8);
            await fixture.ScreenshotAsync(page, "reliability");

            await page.GetByTestId("reliability-period").SelectOptionAsync("30");
            await Expect(section).ToHaveAttributeAsync("data-days", "30", new() { Timeout = 15_000 });
            Assert.InRange(await page.Locator("[data-testid=reliability-trend] tr[data-failures]").CountAsync(), 30, 31);
            Assert.Contains($"machine={Machine}&days=30", page.Url, StringComparison.Ordinal);

            // Another machine: its own review, without this order.
            await page.GetByTestId("reliability-machine").SelectOptionAsync("PCK-02");
            await Expect(section).ToHaveAttributeAsync("data-machine", "PCK-02", new() { Timeout = 15_000 });
            await Expect(page.GetByTestId($"reliability-order-{Order}")).ToHaveCountAsync(0);
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }
}
