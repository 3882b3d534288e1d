using System.Net;
using System.Text.Json;

namespace Factory.Host.Tests;

/// <summary>Releasing, completing and cancelling by hand through the API (machines driven through the API, release by hand).</summary>
public sealed class ReleaseApiTests(FactoryWebApp app) : IClassFixture<FactoryWebApp>
{
    [Fact]
    public async Task A_manager_releases_an_operation_its_machine_starts_it_and_a_short_completion_needs_a_reason()
    {
        var client = await app.ReadyClientAsync();
        var plan = await (await client.GetAsync("/api/v1/sites/plant-1/plan")).OkJsonAsync();
        Assert.Equal("Manual", plan.GetProperty("releaseMode").GetString());

        await (await client.PostJsonAsync("/api/v1/workorders/WO-1004/operations/20/release", new { })).ProblemAsync(HttpStatusCode.Conflict);
        var released = await (await client.PostJsonAsync("/api/v1/workorders/WO-1004/operations/10/release", new { })).OkJsonAsync();
        var op = Op(released, 10);
        Assert.Equal("Released", op.GetProperty("status").GetString());
        var machine = op.GetProperty("machineId").GetString()!;
        await (await client.PostJsonAsync("/api/v1/workorders/WO-1004/operations/10/release", new { })).ProblemAsync(HttpStatusCode.Conflict);

        // A machine driven through the API starts itself for its job, as its PLC would.
        var running = await HttpJson.WaitAsync(client, "/api/v1/workorders/WO-1004", o => Op(o, 10).GetProperty("status").GetString() == "Running");
        var view = await (await client.GetAsync($"/api/v1/machines/{machine}")).OkJsonAsync();
        Assert.Equal("Execute", view.GetProperty("state").GetString());
        Assert.Equal("WO-1004/10", view.GetProperty("job").GetProperty("id").GetString());
        Assert.Equal("WO-1004", view.GetProperty("currentWorkOrderId").GetString());

        await (await client.PostJsonAsync("/api/v1/workorders/WO-1004/operations/10/complete", new { })).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("Running", Op(await (await client.GetAsync("/api/v1/workorders/WO-1004")).OkJsonAsync(), 10).GetProperty("status").GetString());
        var done = await (await client.PostJsonAsync("/api/v1/workorders/WO-1004/operations/10/complete", new { reason = "counted by hand at the machine" })).OkJsonAsync();
        Assert.Equal("Completed", Op(done, 10).GetProperty("status").GetString());
        Assert.Contains("counted by hand", Op(done, 10).GetProperty("note").GetString());
        Assert.Equal("Ready", Op(done, 20).GetProperty("status").GetString());
        var after = await HttpJson.WaitAsync(client, $"/api/v1/machines/{machine}", m => m.GetProperty("job").ValueKind == JsonValueKind.Null);
        Assert.NotEqual("Execute", after.GetProperty("state").GetString()); // it makes nothing more for a job taken back
        Assert.True(running.GetProperty("version").GetInt64() < done.GetProperty("version").GetInt64());
    }

    [Fact]
    public async Task A_cancelled_order_is_closed_and_leaves_the_plan_and_bad_requests_change_nothing()
    {
        var client = await app.ReadyClientAsync();
        await (await client.PostJsonAsync("/api/v1/workorders/WO-1019/cancel", new { })).ProblemAsync(HttpStatusCode.BadRequest);
        await (await client.PostJsonAsync("/api/v1/workorders/WO-1019/cancel", new { reason = new string('x', 501) })).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("Open", (await (await client.GetAsync("/api/v1/workorders/WO-1019")).OkJsonAsync()).GetProperty("status").GetString());

        var cancelled = await (await client.PostJsonAsync("/api/v1/workorders/WO-1019/cancel", new { reason = "customer withdrew" })).OkJsonAsync();
        Assert.Equal("Cancelled", cancelled.GetProperty("status").GetString());
        Assert.True(cancelled.GetProperty("done").GetBoolean());
        await (await client.PostJsonAsync("/api/v1/workorders/WO-1019/cancel", new { reason = "again" })).ProblemAsync(HttpStatusCode.Conflict);
        await (await client.PostJsonAsync("/api/v1/workorders/WO-NONE/cancel", new { reason = "x" })).ProblemAsync(HttpStatusCode.NotFound);
        await HttpJson.WaitAsync(client, "/api/v1/sites/plant-1/plan",
            p => p.GetProperty("operations").EnumerateArray().All(o => o.GetProperty("workOrderId").GetString() != "WO-1019"));

        await (await client.PutJsonAsync("/api/v1/sites/plant-1/plan/release-mode", new { mode = "Sometimes" })).ProblemAsync(HttpStatusCode.BadRequest);
        await (await client.PutJsonAsync("/api/v1/sites/nowhere/plan/release-mode", new { mode = "Manual" })).ProblemAsync(HttpStatusCode.NotFound);
        await (await client.PostJsonAsync("/api/v1/machines/NOPE/release-next", new { })).ProblemAsync(HttpStatusCode.NotFound);

        using var control = await app.ReadyClientAsync(FactoryWebApp.ControlRoom);
        Assert.Equal(HttpStatusCode.Forbidden, (await control.PostJsonAsync("/api/v1/workorders/WO-1018/cancel", new { reason = "no" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await control.PostJsonAsync("/api/v1/workorders/WO-1018/operations/10/release", new { })).StatusCode);
    }

    private static JsonElement Op(JsonElement order, int sequence) =>
        order.GetProperty("operations").EnumerateArray().Single(o => o.GetProperty("sequence").GetInt32() == sequence);
}
