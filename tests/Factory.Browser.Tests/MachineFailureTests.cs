using System.Diagnostics;

namespace Factory.Browser.Tests;

[Collection(DashboardCollection.Name)]
public sealed class MachineFailureTests(DashboardFixture fixture)
{
    [Fact]
    public async Task An_abort_through_the_api_turns_the_tile_to_the_failed_state_within_a_second()
    {
        var page = await fixture.SignedInPageAsync(PlantUser.ControlRoom);
        await Expect(page.GetByTestId("overview")).ToHaveAttributeAsync("data-complete", "true");
        var tile = page.GetByTestId("machine-tile-CNC-01");
        await Expect(tile).ToHaveAttributeAsync("data-category", "running");

        using var api = fixture.Api(PlantUser.Manager);
        try
        {
            await AbortAndWatchAsync(page, tile, api);
        }
        finally
        {
            await page.Context.CloseAsync();
            await PlantApi.RunFreeAsync(api, "CNC-01"); // the other tests find CNC-01 running, as the scene set it
        }
    }

    private async Task AbortAndWatchAsync(IPage page, ILocator tile, HttpClient api)
    {
        var sent = Stopwatch.StartNew();
        (await PlantApi.CommandAsync(api, "CNC-01", "Abort")).EnsureSuccessStatusCode();
        // Aborting and Aborted are both the failed state; the second it takes includes the API round trip.
        await Expect(tile).ToHaveAttributeAsync("data-category", "failed", new() { Timeout = 1000 });
        Assert.True(sent.Elapsed < TimeSpan.FromSeconds(1.5), $"the tile turned failed after {sent.Elapsed.TotalMilliseconds:F0} ms");
        await Expect(tile).ToHaveAttributeAsync("data-state", "Aborted", new() { Timeout = 5000 });
        var lineStatus = (await PlantApi.GetAsync(api, "/api/v1/lines/L1")).GetProperty("status").GetString()!;
        await Expect(page.GetByTestId("line-status-L1")).ToHaveAttributeAsync("data-status", lineStatus);
        await fixture.ScreenshotAsync(page, "overview-after-abort");
    }
}
