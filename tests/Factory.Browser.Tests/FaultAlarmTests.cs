using System.Net.Http.Json;

namespace Factory.Browser.Tests;

/// <summary>Every machine's fault bit raises an alarm, its acknowledgement shows in the history at once, and the machine page shows the fault once.</summary>
[Collection(DashboardCollection.Name)]
public sealed class FaultAlarmTests(DashboardFixture fixture)
{
    [Fact]
    public async Task A_packers_fault_bit_raises_an_alarm_whose_acknowledgement_the_history_lists_and_its_page_shows_one_fault_row()
    {
        const string alarm = "PCK-01.fault";
        var page = await fixture.SignedInPageAsync(PlantUser.ControlRoom);
        await page.GetByTestId("nav-alarms").ClickAsync();
        await Expect(page.GetByTestId("alarm-active")).ToHaveAttributeAsync("data-live", "true", new() { Timeout = 15_000 });
        using var api = fixture.Api(PlantUser.Manager);
        var at = DateTimeOffset.UtcNow;
        (await api.PostAsJsonAsync(new Uri("/api/v1/machines/PCK-01/events", UriKind.Relative), new
        {
            events = new object[] { new { at, tags = new { fault = 1 } }, new { at = at.AddMilliseconds(1), tags = new { fault = 0 } } },
        })).EnsureSuccessStatusCode();

        await Expect(page.GetByTestId($"alarm-{alarm}")).ToHaveAttributeAsync("data-state", "ReturnedUnacknowledged", new() { Timeout = 15_000 });
        var history = page.GetByTestId("alarm-history");
        await Expect(history.Locator($"[data-alarm='{alarm}'][data-action='Acknowledged']")).ToHaveCountAsync(0);
        await page.GetByTestId($"alarm-ack-{alarm}").ClickAsync();

        // No new search: the history shows the acknowledgement by itself.
        await Expect(history.Locator($"[data-alarm='{alarm}'][data-action='Acknowledged']")).ToHaveCountAsync(1, new() { Timeout = 10_000 });
        await fixture.ScreenshotAsync(page, "alarm-history-after-ack");

        await page.GotoAsync("/#/machine/PCK-01");
        var telemetry = page.GetByTestId("telemetry-PCK-01");
        await Expect(telemetry).ToBeVisibleAsync();
        await Expect(telemetry.Locator("th", new() { HasTextRegex = new System.Text.RegularExpressions.Regex("^fault$") })).ToHaveCountAsync(1);
        await Expect(telemetry.Locator("th", new() { HasTextString = "heartbeat" })).ToHaveCountAsync(0);
        await fixture.ScreenshotAsync(page, "machine-fault-row");
        await page.Context.CloseAsync();
    }
}
