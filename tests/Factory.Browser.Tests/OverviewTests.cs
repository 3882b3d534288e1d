namespace Factory.Browser.Tests;

[Collection(DashboardCollection.Name)]
public sealed class OverviewTests(DashboardFixture fixture)
{
    [Fact]
    public async Task Overview_shows_every_line_and_machine_of_the_demo_plant_as_the_api_reports_them()
    {
        var page = await fixture.SignedInPageAsync(PlantUser.ControlRoom);
        await Expect(page.GetByTestId("overview")).ToHaveAttributeAsync("data-complete", "true");
        await Expect(page.GetByTestId("connection-banner")).ToBeHiddenAsync();

        using var api = fixture.Api(PlantUser.ControlRoom);
        var lines = (await PlantApi.GetAsync(api, "/api/v1/lines")).EnumerateArray().ToList();
        var machines = (await PlantApi.GetAsync(api, "/api/v1/machines")).EnumerateArray().ToList();
        Assert.Equal(3, lines.Count);
        Assert.Equal(14, machines.Count);

        Assert.Equal(3, await page.Locator("[data-testid^='line-status-']").CountAsync());
        foreach (var line in lines)
        {
            var id = line.GetProperty("id").GetString()!;
            await Expect(page.GetByTestId($"line-status-{id}")).ToHaveAttributeAsync("data-status", line.GetProperty("status").GetString()!);
        }

        Assert.Equal(14, await page.Locator("[data-testid^='machine-tile-']").CountAsync());
        foreach (var machine in machines)
        {
            var tile = page.GetByTestId($"machine-tile-{machine.GetProperty("id").GetString()}");
            await Expect(tile).ToHaveAttributeAsync("data-state", machine.GetProperty("state").GetString()!);
            await Expect(tile).ToHaveAttributeAsync("data-quality", machine.GetProperty("quality").GetString()!);
            await Expect(tile).ToHaveAttributeAsync("data-live", "true");
        }

        await fixture.ScreenshotAsync(page, "overview");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_line_scrolled_out_of_view_still_shows_each_change_of_its_machines_and_is_current_when_scrolled_to()
    {
        var page = await fixture.SignedInPageAsync(PlantUser.ControlRoom);
        await page.SetViewportSizeAsync(1280, 360);
        await Expect(page.GetByTestId("overview")).ToHaveAttributeAsync("data-complete", "true");
        var line = page.GetByTestId("line-L3");
        // Below the fold by more than the margin the overview draws every frame: its tiles are brought up to date by the pass for lines off screen.
        Assert.True(await line.EvaluateAsync<bool>("el => el.getBoundingClientRect().top > window.innerHeight + 200"), "line L3 is not off screen");

        using var api = fixture.Api(PlantUser.Manager);
        var tile = page.GetByTestId("machine-tile-INS-01");
        await Expect(tile).ToHaveAttributeAsync("data-state", "Execute");
        (await PlantApi.CommandAsync(api, "INS-01", "Hold")).EnsureSuccessStatusCode();
        await PlantApi.SettledStateAsync(api, "INS-01", "Held");
        await Expect(tile).ToHaveAttributeAsync("data-state", "Held");

        (await PlantApi.CommandAsync(api, "INS-01", "Unhold")).EnsureSuccessStatusCode();
        await PlantApi.SettledStateAsync(api, "INS-01", "Execute");
        await line.ScrollIntoViewIfNeededAsync();
        await Expect(tile).ToHaveAttributeAsync("data-state", "Execute");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Line_and_machine_pages_show_a_timeline_and_counters()
    {
        var page = await fixture.SignedInPageAsync(PlantUser.ControlRoom);
        await page.GotoAsync("/#/line/L2");
        await Expect(page.GetByTestId("line-detail-L2")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("timeline-WLD-01")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("counters-TST-01")).ToBeVisibleAsync();
        await fixture.ScreenshotAsync(page, "line-L2");

        await page.GetByTestId("machine-tile-TST-01").ClickAsync();
        await Expect(page.GetByTestId("machine-detail-TST-01")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("events-TST-01")).ToContainTextAsync("Held");
        await fixture.ScreenshotAsync(page, "machine-TST-01");
        await page.Context.CloseAsync();
    }
}
