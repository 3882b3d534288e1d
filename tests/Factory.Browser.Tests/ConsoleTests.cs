namespace Factory.Browser.Tests;

/// <summary>Every page stays free of console errors and warnings while live updates stream in.</summary>
[Collection(DashboardCollection.Name)]
public sealed class ConsoleTests(DashboardFixture fixture)
{
    private static readonly string[] Pages = ["/#/", "/#/board", "/#/workers", "/#/kpis", "/#/alarms", "/#/audit", "/#/line/L1", "/#/machine/CNC-01"];

    [Fact]
    public async Task No_page_logs_an_error_or_a_warning_over_a_minute_of_live_updates()
    {
        var page = await fixture.SignedInPageAsync(PlantUser.Manager);
        var messages = new List<string>();
        page.Console += (_, m) =>
        {
            if (m.Type is "error" or "warning")
            {
                messages.Add($"{page.Url} {m.Type}: {m.Text}");
            }
        };
        page.PageError += (_, e) => messages.Add($"{page.Url} uncaught: {e}");

        using var api = fixture.Api(PlantUser.Manager);
        foreach (var path in Pages)
        {
            await page.GotoAsync(path);
            // Changes while the page is open: a machine no other test commands is held and let go (it stays available, so
            // nothing is re-planned under the other tests' feet).
            await PlantApi.HoldAndUnholdAsync(api, "ASM-02");
            await page.WaitForTimeoutAsync(7_500);
        }

        Assert.True(messages.Count == 0, string.Join("\n", messages.Take(20)));
        await page.Context.CloseAsync();
    }
}
