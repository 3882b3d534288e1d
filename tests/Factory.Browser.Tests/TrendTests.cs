namespace Factory.Browser.Tests;

/// <summary>The machine page's trend panel: the historian's tags drawn by uPlot over time, with the PackML state bands under them.</summary>
[Collection(DashboardCollection.Name)]
public sealed class TrendTests(DashboardFixture fixture)
{
    [Fact]
    public async Task A_machine_page_draws_its_tags_over_time_with_the_state_bands_of_a_hold()
    {
        using var api = fixture.Api(PlantUser.Manager);
        await PlantApi.HoldAndUnholdAsync(api, "WLD-01");

        var page = await fixture.SignedInPageAsync(PlantUser.ControlRoom);
        await page.GotoAsync("/#/machine/WLD-01");
        var trend = page.GetByTestId("trend-WLD-01");
        await Expect(trend).ToBeVisibleAsync();

        // uPlot drew a chart (its canvas and a legend entry per tag from the historian) ...
        await Expect(trend.Locator(".trend-chart canvas")).ToBeVisibleAsync();
        await Expect(trend.Locator(".u-legend .u-series").Filter(new() { HasText = "speed" })).ToHaveCountAsync(1);
        await Expect(trend.Locator(".trend-status")).ToContainTextAsync("tags");
        // ... with the hold and the run around it as bands under the plot.
        var bands = page.GetByTestId("trend-bands-WLD-01");
        await Expect(bands.Locator(".band[data-state='Held']").First).ToBeAttachedAsync();
        await Expect(bands.Locator(".band[data-state='Execute']").First).ToBeAttachedAsync();
        var width = await bands.EvaluateAsync<double>("b => b.getBoundingClientRect().width");
        Assert.True(width > 100, $"the band strip spans the plot ({width} px)");

        // Another range reads the historian again; the panel survives the page's re-renders.
        await trend.Locator("button[data-range='900000']").ClickAsync();
        await Expect(trend.Locator("button.active")).ToHaveTextAsync("15 min");
        await Expect(bands.Locator(".band[data-state='Held']").First).ToBeAttachedAsync();
        await fixture.ScreenshotAsync(page, "trend-WLD-01");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_condition_plans_limit_is_drawn_on_its_tag_inside_the_plot()
    {
        // The demo plant's PM-CNC-02-HOT: the spindle above 55 for 15 minutes calls for a check of coolant and bearings.
        var page = await fixture.SignedInPageAsync(PlantUser.ControlRoom);
        await page.GotoAsync("/#/machine/CNC-02");
        var trend = page.GetByTestId("trend-CNC-02");
        await Expect(trend.Locator(".u-legend .u-series").Filter(new() { HasText = "spindle" })).ToHaveCountAsync(1, new() { Timeout = 15_000 });
        var limit = page.GetByTestId("trend-limits-CNC-02").Locator(".trend-limit[data-plan='PM-CNC-02-HOT']");
        await Expect(limit).ToHaveAttributeAsync("data-tag", "spindle");
        await Expect(limit).ToHaveAttributeAsync("data-limit", "55");
        await Expect(limit).ToContainTextAsync("spindle above 55 for 15 min");

        // The line is drawn within the plot: the tag's scale always takes the limit in, however cool the spindle runs.
        await Expect(limit).ToHaveAttributeAsync("data-y", new System.Text.RegularExpressions.Regex(@"^\d+(\.\d)?$"));
        var y = double.Parse((await limit.GetAttributeAsync("data-y"))!, System.Globalization.CultureInfo.InvariantCulture);
        var height = await trend.Locator(".u-over").EvaluateAsync<double>("o => o.getBoundingClientRect().height");
        Assert.InRange(y, 0, height);
        await fixture.ScreenshotAsync(page, "trend-CNC-02-limit");
        await page.Context.CloseAsync();
    }
}
