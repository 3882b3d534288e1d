namespace Factory.Browser.Tests;

/// <summary>The machine page's timeline starts from the recorded history, not from when the page opened.</summary>
[Collection(DashboardCollection.Name)]
public sealed class MachineHistoryTests(DashboardFixture fixture)
{
    [Fact]
    public async Task A_machine_page_opened_after_a_hold_shows_the_hold_on_its_timeline()
    {
        using var api = fixture.Api(PlantUser.Manager);
        await PlantApi.HoldAndUnholdAsync(api, "WLD-01");

        var page = await fixture.SignedInPageAsync(PlantUser.ControlRoom);
        var opened = await page.EvaluateAsync<double>("() => Date.now()");
        await page.GotoAsync("/#/machine/WLD-01");
        await Expect(page.GetByTestId("machine-detail-WLD-01")).ToBeVisibleAsync();

        // The hold happened before the page existed: only the history can have brought it.
        await page.WaitForFunctionAsync(
            "([id, t]) => window.factory.store.timeline(id, 0).some(s => s.state === 'Held' && s.from < t)",
            new object[] { "WLD-01", opened });
        await Expect(page.GetByTestId("timeline-WLD-01").Locator("span.seg[title^='Held ']").First).ToBeAttachedAsync();
        await Expect(page.GetByTestId("events-WLD-01")).ToContainTextAsync("Held");
        await page.Context.CloseAsync();

        // The line page, in a fresh browser context, seeds every machine's timeline the same way.
        var linePage = await fixture.SignedInPageAsync(PlantUser.ControlRoom);
        await linePage.GotoAsync("/#/line/L2");
        await Expect(linePage.GetByTestId("line-detail-L2")).ToBeVisibleAsync();
        await Expect(linePage.GetByTestId("timeline-WLD-01").Locator("span.seg[title^='Held ']").First).ToBeAttachedAsync();
        await linePage.Context.CloseAsync();
    }
}
