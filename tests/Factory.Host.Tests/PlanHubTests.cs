using System.Net;
using System.Text.Json;
using System.Threading.Channels;
using Factory.Contracts.Events;
using Factory.Contracts.Views;
using Microsoft.AspNetCore.SignalR.Client;

namespace Factory.Host.Tests;

public sealed class PlanHubTests(FactoryWebApp app) : IClassFixture<FactoryWebApp>
{
    [Fact]
    public async Task A_machine_failure_moves_its_work_within_a_second_and_the_hub_shows_the_new_plan()
    {
        await using var hub = await app.HubAsync(FactoryWebApp.ControlRoom);
        var plans = Channel.CreateUnbounded<PlanChanged>();
        hub.On<PlanChanged>("PlanChanged", p => plans.Writer.TryWrite(p));
        await hub.InvokeAsync<Factory.Host.Hub.PlantSnapshot>("SubscribeSite", "plant-1");
        var before = await hub.InvokeAsync<PlanView>("GetPlan", "plant-1");
        Assert.True(before.Version >= 1);
        var now = DateTimeOffset.UtcNow;
        var repairAt = now.AddMinutes(29);
        // The machine with the most work planned inside the coming repair window.
        var busiest = before.Operations.Where(o => o.Start > now.AddSeconds(5) && o.Start < repairAt)
            .GroupBy(o => o.MachineId).OrderByDescending(g => g.Count()).First();
        var failing = busiest.Key;

        var client = await app.ReadyClientAsync();
        var sent = DateTimeOffset.UtcNow;
        await (await client.PostJsonAsync($"/api/v1/machines/{failing}/commands", new { command = "Abort" })).OkJsonAsync();

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        PlanChanged change;
        do
        {
            change = await plans.Reader.ReadAsync(timeout.Token);
        }
        while (!change.Trigger.Contains(failing));

        // The constructive plan is the first one published for the failure.
        Assert.Equal("dispatcher", change.Solver);
        Assert.True(DateTimeOffset.UtcNow - sent < TimeSpan.FromSeconds(1), $"the new plan took {DateTimeOffset.UtcNow - sent}");
        foreach (var queued in busiest)
        {
            // Every operation that would have run on the failed machine during the repair moved: elsewhere or after it.
            var move = Assert.Single(change.Moves, m => m.WorkOrderId == queued.WorkOrderId && m.Sequence == queued.Sequence);
            Assert.True(move.To.MachineId != failing || move.To.Start >= repairAt, $"{move.To} still runs on {failing} during its repair");
        }

        var plan = await (await client.GetAsync("/api/v1/sites/plant-1/plan")).OkJsonAsync();
        Assert.True(plan.GetProperty("version").GetInt64() >= change.PlanVersion);
        foreach (var op in plan.GetProperty("operations").EnumerateArray().Where(o => o.GetProperty("machineId").GetString() == failing))
        {
            var start = op.GetProperty("start").GetDateTimeOffset();
            Assert.True(start < sent || start >= repairAt, $"an operation starts on the failed machine at {start}");
        }
    }

    [Fact]
    public async Task Plan_endpoints_check_input_and_roles()
    {
        var manager = await app.ReadyClientAsync();
        var control = await app.ReadyClientAsync(FactoryWebApp.ControlRoom);
        await (await manager.GetAsync("/api/v1/sites/nope/plan")).ProblemAsync(HttpStatusCode.NotFound);
        await (await manager.PutJsonAsync("/api/v1/sites/plant-1/plan/mode", new { mode = "sometimes" })).ProblemAsync(HttpStatusCode.BadRequest);
        await (await control.PutJsonAsync("/api/v1/sites/plant-1/plan/mode", new { mode = "Proposal" })).ProblemAsync(HttpStatusCode.Forbidden);
        await (await manager.PostAsync("/api/v1/sites/plant-1/plan/proposals/999/accept", null)).ProblemAsync(HttpStatusCode.NotFound);
        await (await manager.PatchAsync("/api/v1/workorders/WO-1001", JsonContent(new { priority = 0 }))).ProblemAsync(HttpStatusCode.BadRequest);
        var order = await (await manager.PatchAsync("/api/v1/workorders/WO-1001", JsonContent(new { priority = 3 }))).OkJsonAsync();
        Assert.Equal(3, order.GetProperty("priority").GetInt32());
    }

    private static StringContent JsonContent(object body) =>
        new(JsonSerializer.Serialize(body, FactoryWebApp.Json), System.Text.Encoding.UTF8, "application/json");
}
