using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;

namespace Factory.Browser.Tests;

/// <summary>Times are shown in the site's zone, whatever zone the screen's browser runs in, and the zone is named.</summary>
[Collection(DashboardCollection.Name)]
public sealed class SiteTimeZoneTests(DashboardFixture fixture)
{
    [Fact]
    public async Task A_browser_in_Los_Angeles_shows_the_Berlin_sites_shift_start_on_the_timeline_axis_and_names_the_zone()
    {
        var context = await fixture.NewContextAsync("America/Los_Angeles", "en-GB");
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");
        await page.GetByTestId("signin-user").FillAsync(PlantUser.ControlRoom.Name);
        await page.GetByTestId("signin-password").FillAsync(PlantUser.ControlRoom.Password);
        await page.GetByTestId("signin-submit").ClickAsync();
        await Expect(page.GetByTestId("site-zone")).ToContainTextAsync("Europe/Berlin");

        using var api = fixture.Api(PlantUser.ControlRoom);
        var shift = await api.GetFromJsonAsync<JsonElement>(new Uri("/api/v1/sites/plant-1/shifts/current", UriKind.Relative));
        Assert.Equal("Europe/Berlin", shift.GetProperty("timeZone").GetString());
        var start = shift.GetProperty("start").GetDateTimeOffset();
        var berlin = TimeZoneInfo.ConvertTime(start, TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin"));

        await page.GotoAsync("/#/machine/CNC-02");
        var axis = page.GetByTestId("timeline-CNC-02").Locator("xpath=following-sibling::div[contains(@class,'timeline-axis')]").Locator("span").First;
        await Expect(axis).ToHaveTextAsync(berlin.ToString("HH:mm:ss", CultureInfo.InvariantCulture), new() { Timeout = 15_000 });
        await fixture.ScreenshotAsync(page, "machine-site-zone");
        await context.CloseAsync();
    }
}
