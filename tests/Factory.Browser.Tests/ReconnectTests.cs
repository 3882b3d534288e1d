namespace Factory.Browser.Tests;

[Collection(DashboardCollection.Name)]
public sealed class ReconnectTests(DashboardFixture fixture)
{
    [Fact]
    public async Task After_the_hub_drops_and_comes_back_the_page_shows_current_values_and_said_it_was_not_live()
    {
        var page = await fixture.SignedInPageAsync(PlantUser.ControlRoom);
        await Expect(page.GetByTestId("overview")).ToHaveAttributeAsync("data-complete", "true");
        var tile = page.GetByTestId("machine-tile-PCK-01");
        await Expect(tile).ToHaveAttributeAsync("data-state", "Execute");

        // The page's own hook closes its hub connection and keeps it closed until restored.
        await page.EvaluateAsync("() => window.factory.drop()");
        var banner = page.GetByTestId("connection-banner");
        await Expect(banner).ToBeVisibleAsync();
        await Expect(banner).ToContainTextAsync("NOT live");
        await Expect(tile).ToHaveAttributeAsync("data-live", "false");
        await Expect(page.GetByTestId("overview")).ToHaveAttributeAsync("data-complete", "false");

        using var api = fixture.Api(PlantUser.Manager);
        try
        {
            (await PlantApi.CommandAsync(api, "PCK-01", "Stop")).EnsureSuccessStatusCode();
            await PlantApi.SettledStateAsync(api, "PCK-01", "Stopped");
            await Expect(tile).ToHaveAttributeAsync("data-state", "Execute"); // nothing arrives while down
            await fixture.ScreenshotAsync(page, "overview-hub-down");

            await page.EvaluateAsync("() => window.factory.restore()");
            await Expect(banner).ToBeHiddenAsync();
            await Expect(tile).ToHaveAttributeAsync("data-state", "Stopped");
            await Expect(tile).ToHaveAttributeAsync("data-live", "true");
            await fixture.ScreenshotAsync(page, "overview-resynced");
        }
        finally
        {
            await page.Context.CloseAsync();
            await PlantApi.RunFreeAsync(api, "PCK-01");
        }
    }

    [Fact]
    public async Task Going_offline_in_the_browser_marks_the_page_not_live_until_it_resyncs()
    {
        var page = await fixture.SignedInPageAsync(PlantUser.ControlRoom);
        await Expect(page.GetByTestId("overview")).ToHaveAttributeAsync("data-complete", "true");
        var tile = page.GetByTestId("machine-tile-LBL-01");
        await Expect(tile).ToHaveAttributeAsync("data-state", "Execute");

        await page.Context.SetOfflineAsync(true);
        using var api = fixture.Api(PlantUser.Manager);
        try
        {
            (await PlantApi.CommandAsync(api, "LBL-01", "Hold")).EnsureSuccessStatusCode();
            await PlantApi.SettledStateAsync(api, "LBL-01", "Held");
            await page.Context.SetOfflineAsync(false);

            // Either the socket survived offline mode (the delta arrives) or it dropped (the banner shows and the
            // resync brings the state); in both cases the page ends live with the current value.
            await Expect(tile).ToHaveAttributeAsync("data-state", "Held", new() { Timeout = 15000 });
            await Expect(tile).ToHaveAttributeAsync("data-live", "true");
            await Expect(page.GetByTestId("connection-banner")).ToBeHiddenAsync();
        }
        finally
        {
            await page.Context.CloseAsync();
            await PlantApi.RunFreeAsync(api, "LBL-01");
        }
    }
}
