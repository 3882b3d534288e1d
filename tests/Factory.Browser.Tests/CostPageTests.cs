using System.Globalization;
using System.Net.Http.Json;

namespace Factory.Browser.Tests;

/// <summary>
/// The cost page against the running plant: orders and lines against budget, and an order's cost rising live as it runs;
/// the work-order board's card shows the same budget against actual.
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed class CostPageTests(DashboardFixture fixture)
{
    private const string Order = "WO-1006";

    [Fact]
    public async Task Orders_and_lines_show_budget_against_actual_and_a_running_order_costs_more_live_on_the_page_and_the_board()
    {
        var page = await fixture.SignedInPageAsync(PlantUser.Manager);
        await page.GetByTestId("nav-costs").ClickAsync();
        var row = page.GetByTestId($"cost-order-{Order}");
        // The demo plant's budget for the order, and nothing spent before it runs.
        await Expect(row).ToHaveAttributeAsync("data-budget", "380", new() { Timeout = 15_000 });
        await Expect(row).ToHaveAttributeAsync("data-actual", "0");
        await Expect(row).ToHaveAttributeAsync("data-over", "false");
        await Expect(page.GetByTestId($"cost-order-{Order}-variance")).ToHaveTextAsync("-€380.00");
        // Every line has its budget for the shift so far; its machines cost their idle rate while they carry no order.
        foreach (var line in new[] { "L1", "L2", "L3" })
        {
            await Expect(page.GetByTestId($"cost-line-{line}")).Not.ToHaveAttributeAsync("data-budget", "");
        }

        using var api = fixture.Api(PlantUser.Manager);
        await PlantApi.OkAsync(api.PostAsJsonAsync(new Uri($"/api/v1/workorders/{Order}/operations/10/release", UriKind.Relative), new { }));
        try
        {
            // Only the hub's CostChanged can move the figure: the page reads the orders once.
            await Expect(row).Not.ToHaveAttributeAsync("data-actual", "0", new() { Timeout = 30_000 });
            await Expect(page.GetByTestId("cost-orders")).Not.ToHaveAttributeAsync("data-live-updates", "0");
            var shown = decimal.Parse((await row.GetAttributeAsync("data-actual"))!, CultureInfo.InvariantCulture);
            var variance = decimal.Parse((await row.GetAttributeAsync("data-variance"))!, CultureInfo.InvariantCulture);
            Assert.Equal(shown - 380m, variance);
            await Expect(page.GetByTestId($"cost-order-{Order}-actual")).ToHaveTextAsync(shown.ToString("'€'#,##0.00", CultureInfo.InvariantCulture));

            // The API agrees: the order has cost at least what the page showed (costs only rise while it runs).
            var cost = (await PlantApi.GetAsync(api, $"/api/v1/costs?entity=workorder&id={Order}")).EnumerateArray().Single();
            Assert.True(cost.GetProperty("actual").GetProperty("total").GetDecimal() >= shown);
            await fixture.ScreenshotAsync(page, "costs");

            // The board's card of the running operation shows it too: budget against actual, with its bar.
            await page.GetByTestId("nav-board").ClickAsync();
            var card = page.GetByTestId($"budget-{Order}-10");
            await Expect(card).ToHaveAttributeAsync("data-budget", "380", new() { Timeout = 15_000 });
            await Expect(card).Not.ToHaveAttributeAsync("data-actual", "0");
            await Expect(card).ToHaveAttributeAsync("data-over", "false");
            await Expect(card).ToContainTextAsync("/ €380.00");
        }
        finally
        {
            // Its machine is given back for the other tests.
            await PlantApi.OkAsync(api.PostAsJsonAsync(new Uri($"/api/v1/workorders/{Order}/cancel", UriKind.Relative), new { reason = "cost page test done" }));
            await page.Context.CloseAsync();
        }
    }
}
