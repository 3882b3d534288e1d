using System.Net;
using System.Net.Http.Json;

namespace Factory.Browser.Tests;

[Collection(DashboardCollection.Name)]
public sealed class ReassignTests(DashboardFixture fixture)
{
    [Fact]
    public async Task A_manager_moves_an_operation_in_the_page_and_both_board_and_api_show_it()
    {
        // The dispatcher has planned every operation: the card starts in its planned machine's queue.
        var planned = await PlannedMachineAsync("WO-1002");
        var target = planned == "CNC-02" ? "CNC-01" : "CNC-02";
        var page = await fixture.SignedInPageAsync(PlantUser.Manager);
        await page.GetByTestId("nav-board").ClickAsync();
        var card = page.GetByTestId("op-WO-1002-10");
        await Expect(page.GetByTestId($"queue-{planned}").GetByTestId("op-WO-1002-10")).ToBeVisibleAsync();

        // First an impossible move (the picker offers no machine that cannot mill, but W08 is qualified and clocked out):
        // the refusal's reason is shown on the card and nothing changes.
        await card.GetByTestId("reassign-WO-1002-10").ClickAsync();
        await card.GetByTestId("pick-machine-WO-1002-10").SelectOptionAsync(target);
        await card.GetByTestId("pick-worker-WO-1002-10").SelectOptionAsync("W08");
        await card.GetByTestId("assign-WO-1002-10").ClickAsync();
        await Expect(card.GetByTestId("refusal-WO-1002-10")).ToBeVisibleAsync();
        await Expect(card.GetByTestId("refusal-WO-1002-10")).ToContainTextAsync("Refused");
        await card.ScrollIntoViewIfNeededAsync();
        await fixture.ScreenshotAsync(page, "board-refusal");

        await card.GetByTestId("pick-worker-WO-1002-10").SelectOptionAsync("W02");
        await card.GetByTestId("assign-WO-1002-10").ClickAsync();
        await Expect(page.GetByTestId($"queue-{target}").GetByTestId("op-WO-1002-10")).ToBeVisibleAsync();
        await Expect(card).ToHaveAttributeAsync("data-worker", "W02");
        await Expect(card.GetByTestId("refusal-WO-1002-10")).ToHaveCountAsync(0);

        using var api = fixture.Api(PlantUser.ControlRoom);
        var operation = (await PlantApi.GetAsync(api, "/api/v1/workorders/WO-1002")).GetProperty("operations")
            .EnumerateArray().Single(o => o.GetProperty("sequence").GetInt32() == 10);
        Assert.Equal(target, operation.GetProperty("machineId").GetString());
        Assert.Equal("W02", operation.GetProperty("workerId").GetString());
        await fixture.ScreenshotAsync(page, "board-after-move");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_manager_drags_an_operation_onto_a_machine_and_confirms_the_worker()
    {
        var planned = await PlannedMachineAsync("WO-1004");
        var target = planned == "CNC-02" ? "DRL-01" : "CNC-02";
        var page = await fixture.SignedInPageAsync(PlantUser.Manager);
        await page.GetByTestId("nav-board").ClickAsync();
        var card = page.GetByTestId("op-WO-1004-10");
        await Expect(page.GetByTestId($"queue-{planned}").GetByTestId("op-WO-1004-10")).ToBeVisibleAsync();

        await card.DragToAsync(page.GetByTestId($"queue-{target}").Locator("h3"));
        await Expect(card.GetByTestId("pick-machine-WO-1004-10")).ToHaveValueAsync(target);
        await card.GetByTestId("pick-worker-WO-1004-10").SelectOptionAsync("W01");
        await card.GetByTestId("assign-WO-1004-10").ClickAsync();
        await Expect(page.GetByTestId($"queue-{target}").GetByTestId("op-WO-1004-10")).ToBeVisibleAsync();

        using var api = fixture.Api(PlantUser.ControlRoom);
        var operation = (await PlantApi.GetAsync(api, "/api/v1/workorders/WO-1004")).GetProperty("operations")
            .EnumerateArray().Single(o => o.GetProperty("sequence").GetInt32() == 10);
        Assert.Equal(target, operation.GetProperty("machineId").GetString());
        Assert.Equal("W01", operation.GetProperty("workerId").GetString());
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_control_room_user_sees_no_way_to_reassign_and_the_api_refuses_them()
    {
        await PlannedMachineAsync("WO-1003");
        var page = await fixture.SignedInPageAsync(PlantUser.ControlRoom);
        await Expect(page.GetByTestId("user-role")).ToHaveTextAsync("ControlRoom");
        await page.GetByTestId("nav-board").ClickAsync();
        await Expect(page.GetByTestId("board")).ToHaveAttributeAsync("data-can-manage", "false");
        await Expect(page.GetByTestId("op-WO-1003-10")).ToBeVisibleAsync();
        await Expect(page.Locator("[data-testid^='reassign-']")).ToHaveCountAsync(0);
        await Expect(page.Locator(".card[draggable='true']")).ToHaveCountAsync(0);
        await fixture.ScreenshotAsync(page, "board-control-room");

        // The same request the page would make, with the control room's own session cookie: 403, nothing changes. W05 holds
        // no drilling skill, so the planner never gives it this operation: seeing W05 would mean the refused request landed.
        var response = await page.APIRequest.PutAsync("/api/v1/workorders/WO-1003/operations/10/assignment", new()
        {
            DataObject = new { machineId = "DRL-01", workerId = "W05", pinned = false },
        });
        Assert.Equal((int)HttpStatusCode.Forbidden, response.Status);
        using var api = fixture.Api(PlantUser.ControlRoom);
        var refused = await api.PutAsJsonAsync(new Uri("/api/v1/workorders/WO-1003/operations/10/assignment", UriKind.Relative),
            new { machineId = "DRL-01", workerId = "W05", pinned = false });
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        var operation = (await PlantApi.GetAsync(api, "/api/v1/workorders/WO-1003")).GetProperty("operations")
            .EnumerateArray().Single(o => o.GetProperty("sequence").GetInt32() == 10);
        Assert.NotEqual("W05", operation.GetProperty("workerId").GetString());
        Assert.False(operation.GetProperty("pinned").GetBoolean());
        await page.Context.CloseAsync();
    }

    private async Task<string> PlannedMachineAsync(string workOrderId)
    {
        using var api = fixture.Api(PlantUser.ControlRoom);

        // Let the plan settle first: the optimizer may still replace it (it starts once a plan has stood 2 s, and searches
        // for 2 s), moving cards between queues.
        var settle = DateTime.UtcNow.AddSeconds(30);
        var version = -1L;
        var since = DateTime.UtcNow;
        while (DateTime.UtcNow < settle && DateTime.UtcNow - since < TimeSpan.FromSeconds(5))
        {
            var current = (await PlantApi.GetAsync(api, "/api/v1/sites/plant-1/plan")).GetProperty("version").GetInt64();
            if (current != version)
            {
                (version, since) = (current, DateTime.UtcNow);
            }

            await Task.Delay(200);
        }

        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            var operation = (await PlantApi.GetAsync(api, $"/api/v1/workorders/{workOrderId}")).GetProperty("operations")
                .EnumerateArray().Single(o => o.GetProperty("sequence").GetInt32() == 10);
            if (operation.GetProperty("machineId").GetString() is { } machine)
            {
                return machine;
            }

            Assert.True(DateTime.UtcNow < deadline, $"the dispatcher did not plan {workOrderId}");
            await Task.Delay(100);
        }
    }
}
