namespace Factory.Browser.Tests;

/// <summary>The overview and the performance page label a line's good/h the same way: the machines of its last stage.</summary>
[Collection(DashboardCollection.Name)]
public sealed class LineThroughputTests(DashboardFixture fixture)
{
    [Fact]
    public async Task The_overview_and_the_performance_page_both_count_the_packaging_lines_two_packers()
    {
        var page = await fixture.SignedInPageAsync(PlantUser.ControlRoom);
        await Expect(page.GetByTestId("line-throughput-of-L3")).ToHaveTextAsync("out of PCK-01 + PCK-02", new() { Timeout = 15_000 });
        await Expect(page.GetByTestId("line-throughput-of-L2")).ToHaveTextAsync("out of TST-01");

        await page.GetByTestId("nav-kpis").ClickAsync();
        var cell = page.GetByTestId("kpi-line-L3-good-per-hour");
        await Expect(cell).ToContainTextAsync("out of PCK-01 + PCK-02", new() { Timeout = 15_000 });
        await Expect(cell).ToHaveAttributeAsync("title", new System.Text.RegularExpressions.Regex("last stage"));
        await fixture.ScreenshotAsync(page, "kpi-line-good-per-hour");
        await page.Context.CloseAsync();
    }
}
