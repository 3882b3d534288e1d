using System.Net.Http.Json;
using System.Text.Json;

namespace Factory.Browser.Tests;

/// <summary>Acknowledge takes the row's optional reason (#21, item 9): the audit keeps it as the why, and the history lists it at once.</summary>
[Collection(DashboardCollection.Name)]
public sealed class AcknowledgeReasonTests(DashboardFixture fixture)
{
    [Fact]
    public async Task An_acknowledgement_with_a_reason_is_audited_with_it_and_the_history_shows_it_without_a_reload()
    {
        const string alarm = "WLD-02.fault";
        var why = $"welder checked {Guid.NewGuid():N}"[..24];
        var page = await fixture.SignedInPageAsync(PlantUser.ControlRoom);
        await page.GetByTestId("nav-alarms").ClickAsync();
        await Expect(page.GetByTestId("alarm-active")).ToHaveAttributeAsync("data-live", "true", new() { Timeout = 15_000 });
        using var api = fixture.Api(PlantUser.Manager);
        var at = DateTimeOffset.UtcNow;
        (await api.PostAsJsonAsync(new Uri("/api/v1/machines/WLD-02/events", UriKind.Relative), new
        {
            events = new object[] { new { at, tags = new { fault = 1 } }, new { at = at.AddMilliseconds(1), tags = new { fault = 0 } } },
        })).EnsureSuccessStatusCode();
        await Expect(page.GetByTestId($"alarm-{alarm}")).ToHaveAttributeAsync("data-state", "ReturnedUnacknowledged", new() { Timeout = 15_000 });

        await page.GetByTestId($"alarm-reason-{alarm}").FillAsync(why);
        await page.GetByTestId($"alarm-ack-{alarm}").ClickAsync();

        var acknowledged = page.GetByTestId("alarm-history").Locator($"[data-alarm='{alarm}'][data-action='Acknowledged']");
        await Expect(acknowledged).ToHaveCountAsync(1, new() { Timeout = 10_000 });
        await Expect(acknowledged).ToContainTextAsync(why);
        await fixture.ScreenshotAsync(page, "alarm-ack-reason");

        // The audit is written with the request; reading it again covers a store that commits a moment later.
        var deadline = DateTime.UtcNow.AddSeconds(15);
        bool Audited(JsonElement e) => e.GetProperty("target").GetString()!.Contains(alarm, StringComparison.Ordinal)
            && e.GetProperty("why").GetString() == why && e.GetProperty("who").GetString() == PlantUser.ControlRoom.Name;
        while (!(await PlantApi.GetAsync(api, "/api/v1/audit?action=alarm.acknowledge")).EnumerateArray().Any(Audited))
        {
            Assert.True(DateTime.UtcNow < deadline, $"no alarm.acknowledge audit entry for {alarm} with why '{why}'");
            await Task.Delay(200);
        }

        await page.Context.CloseAsync();
    }
}
