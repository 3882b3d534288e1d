using System.Net.Http.Json;
using System.Text.Json;

namespace Factory.Browser.Tests;

/// <summary>A manager releases an operation from the board; the machine's tile shows its job advance, and the order completes.</summary>
[Collection(DashboardCollection.Name)]
public sealed class ExecutionBoardTests(DashboardFixture fixture)
{
    [Fact]
    public async Task A_released_operation_advances_on_its_machine_tile_and_the_order_completes_on_the_board()
    {
        using var api = fixture.Api(PlantUser.Manager);
        var created = await api.PostAsJsonAsync(new Uri("/api/v1/workorders", UriKind.Relative), new
        {
            id = "WO-BOARD", siteId = "plant-1", product = "Carton", quantity = 12, dueDate = DateTimeOffset.UtcNow.AddHours(2), priority = 3,
            operations = new object[] { new { sequence = 10, name = "Pack", capability = "pack", standardDurationSeconds = 40, allowedMachines = new[] { "PCK-02" } } },
        });
        created.EnsureSuccessStatusCode();
        await WaitAsync(async () => (await PlantApi.GetAsync(api, "/api/v1/sites/plant-1/plan")).GetProperty("operations").EnumerateArray()
            .Any(o => o.GetProperty("workOrderId").GetString() == "WO-BOARD"));

        var page = await fixture.SignedInPageAsync(PlantUser.Manager);
        await page.GotoAsync("/#/board");
        await Expect(page.GetByTestId("release-mode")).ToHaveAttributeAsync("data-mode", "Manual");
        var card = page.GetByTestId("op-WO-BOARD-10");
        await Expect(card).ToHaveAttributeAsync("data-status", "Ready");
        await page.GetByTestId("release-WO-BOARD-10").ClickAsync();
        await Expect(card).ToHaveAttributeAsync("data-status", new System.Text.RegularExpressions.Regex("Released|Running"));

        await page.GetByTestId("nav-overview").ClickAsync();
        var job = page.GetByTestId("job-PCK-02");
        await Expect(job).ToHaveAttributeAsync("data-job", "WO-BOARD/10");
        await Expect(job).ToHaveAttributeAsync("data-good", new System.Text.RegularExpressions.Regex("^([1-9]|1[01])$"), new() { Timeout = 30_000 });
        var first = int.Parse(await job.GetAttributeAsync("data-good") ?? "0");
        await WaitAsync(async () => int.Parse(await job.GetAttributeAsync("data-good") ?? "0") > first);
        await fixture.ScreenshotAsync(page, "overview-job-running");

        await page.GotoAsync("/#/board");
        await Expect(page.GetByTestId("done-WO-BOARD")).ToHaveAttributeAsync("data-status", "Completed", new() { Timeout = 60_000 });
        var order = await PlantApi.GetAsync(api, "/api/v1/workorders/WO-BOARD");
        Assert.Equal(12, order.GetProperty("operations")[0].GetProperty("good").GetInt64());
        await fixture.ScreenshotAsync(page, "board-order-completed");
        await page.Context.CloseAsync();
    }

    private static async Task WaitAsync(Func<Task<bool>> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!await done())
        {
            Assert.True(DateTime.UtcNow < deadline, "not reached within 30 s");
            await Task.Delay(200);
        }
    }
}
