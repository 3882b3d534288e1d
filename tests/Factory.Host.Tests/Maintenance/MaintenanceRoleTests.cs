using System.Net;
using System.Text.Json;

namespace Factory.Host.Tests.Maintenance;

/// <summary>
/// The Maintenance role through the real pipeline: it runs maintenance orders and plans and reads what the control room
/// reads; assigning production work, commanding machines and changing the plan's mode are 403 problem details and change nothing.
/// </summary>
public sealed class MaintenanceRoleTests(FactoryWebApp app) : IClassFixture<FactoryWebApp>
{
    [Fact]
    public async Task A_maintenance_user_creates_plans_starts_finishes_and_cancels_maintenance_orders_and_plans()
    {
        var client = await app.ReadyClientAsync(FactoryWebApp.Maintenance);
        var me = await (await client.GetAsync("/api/v1/auth/me")).OkJsonAsync();
        Assert.Equal("Maintenance", me.GetProperty("role").GetString());
        Assert.False(me.GetProperty("canManage").GetBoolean());
        Assert.True(me.GetProperty("canMaintain").GetBoolean());

        var order = await (await client.PostJsonAsync("/api/v1/maintenance/orders", new
        {
            id = "MO-ROLE-1", machineId = "WLD-02", kind = "Corrective", reason = "Wire feed slips", estimatedSeconds = 1800,
        })).OkJsonAsync();
        Assert.Equal("maintenance", order.GetProperty("requestedBy").GetString());
        var start = DateTimeOffset.UtcNow.AddDays(-2);
        await (await client.PostJsonAsync("/api/v1/maintenance/orders/MO-ROLE-1/plan", new { start, end = start.AddHours(1) })).OkJsonAsync();
        await (await client.PostJsonAsync("/api/v1/maintenance/orders/MO-ROLE-1/start", new { })).OkJsonAsync();
        order = await (await client.PostJsonAsync("/api/v1/maintenance/orders/MO-ROLE-1/finish", new { note = "rollers replaced" })).OkJsonAsync();
        Assert.Equal("Done", order.GetProperty("status").GetString());
        Assert.Equal("maintenance", order.GetProperty("doneBy").GetString());

        await (await client.PostJsonAsync("/api/v1/maintenance/orders", new { id = "MO-ROLE-2", machineId = "WLD-02", reason = "Duplicate", estimatedSeconds = 600 })).OkJsonAsync();
        var cancelled = await (await client.PostJsonAsync("/api/v1/maintenance/orders/MO-ROLE-2/cancel", new { reason = "reported twice" })).OkJsonAsync();
        Assert.Equal("Cancelled", cancelled.GetProperty("status").GetString());

        await (await client.PostJsonAsync("/api/v1/maintenance/plans", new
        {
            id = "PM-ROLE-WLD-02", machineId = "WLD-02", title = "Clean torch", trigger = "CalendarDays", interval = 7,
        })).OkJsonAsync();
        await (await client.PostJsonAsync("/api/v1/maintenance/plans/evaluate", new { })).OkJsonAsync();

        var audit = await (await (await app.ReadyClientAsync()).GetAsync("/api/v1/audit")).Content.ReadAsStringAsync();
        Assert.Contains("maintenance.order.finish", audit);
    }

    [Fact]
    public async Task A_maintenance_user_reads_what_the_control_room_reads()
    {
        var client = await app.ReadyClientAsync(FactoryWebApp.Maintenance);
        foreach (var path in new[]
                 {
                     "/api/v1/sites", "/api/v1/machines/CNC-01", "/api/v1/workorders", "/api/v1/sites/plant-1/plan", "/api/v1/alarms",
                     "/api/v1/kpis?entity=machine&id=CNC-01", "/api/v1/machines/CNC-01/review", "/api/v1/maintenance/orders", "/api/v1/maintenance/plans",
                 })
        {
            await (await client.GetAsync(path)).OkJsonAsync();
        }

        // The live hub too.
        await using var hub = await app.HubAsync(FactoryWebApp.Maintenance);
        Assert.Equal(Microsoft.AspNetCore.SignalR.Client.HubConnectionState.Connected, hub.State);
    }

    [Fact]
    public async Task A_maintenance_user_may_not_assign_work_command_machines_or_change_the_plan_mode_and_nothing_changes()
    {
        var manager = await app.ReadyClientAsync();
        var client = await app.ReadyClientAsync(FactoryWebApp.Maintenance);
        var plan = await (await manager.GetAsync("/api/v1/sites/plant-1/plan")).OkJsonAsync();
        var order = await (await manager.GetAsync("/api/v1/workorders/WO-1001")).OkJsonAsync();
        var machine = await (await manager.GetAsync("/api/v1/machines/DRL-01")).OkJsonAsync();

        await Refused(client.PutJsonAsync("/api/v1/workorders/WO-1001/operations/10/assignment", new { machineId = "CNC-01", workerId = "W01" }));
        await Refused(client.PutJsonAsync("/api/v1/sites/plant-1/plan/mode", new { mode = plan.GetProperty("mode").GetString() == "Proposal" ? "AutoApply" : "Proposal" }));
        await Refused(client.PostJsonAsync("/api/v1/sites/plant-1/plan/replan", new { }));
        await Refused(client.PostJsonAsync("/api/v1/machines/DRL-01/commands", new { command = "Abort" }));
        await Refused(client.PostJsonAsync("/api/v1/workorders", new { siteId = "plant-1" }));

        Assert.Equal(plan.GetProperty("mode").GetString(), (await (await manager.GetAsync("/api/v1/sites/plant-1/plan")).OkJsonAsync()).GetProperty("mode").GetString());
        Assert.Equal(Assignments(order), Assignments(await (await manager.GetAsync("/api/v1/workorders/WO-1001")).OkJsonAsync()));
        Assert.Equal(machine.GetProperty("version").GetInt64(), (await (await manager.GetAsync("/api/v1/machines/DRL-01")).OkJsonAsync()).GetProperty("version").GetInt64());
    }

    [Fact]
    public async Task The_control_room_still_may_not_change_maintenance_and_nothing_changes()
    {
        var control = await app.ReadyClientAsync(FactoryWebApp.ControlRoom);
        var manager = await app.ReadyClientAsync();
        var before = await (await manager.GetAsync("/api/v1/maintenance/orders")).Content.ReadAsStringAsync();

        await Refused(control.PostJsonAsync("/api/v1/maintenance/orders", new { id = "MO-CTRL", machineId = "WLD-02", reason = "x", estimatedSeconds = 60 }));
        await Refused(control.PostJsonAsync("/api/v1/maintenance/plans", new { id = "PM-CTRL", machineId = "WLD-02", title = "x", trigger = "Cycles", interval = 10 }));
        await Refused(control.PostJsonAsync("/api/v1/maintenance/plans/evaluate", new { }));

        Assert.Equal(before, await (await manager.GetAsync("/api/v1/maintenance/orders")).Content.ReadAsStringAsync());
        await (await manager.GetAsync("/api/v1/maintenance/plans/PM-CTRL")).ProblemAsync(HttpStatusCode.NotFound);
    }

    private static async Task Refused(Task<HttpResponseMessage> request) => await (await request).ProblemAsync(HttpStatusCode.Forbidden);

    // What a manager's assignment sets (the dispatcher may move unpinned work by itself meanwhile, so machine and worker alone would not tell).
    private static string Assignments(JsonElement order) =>
        string.Join(";", order.GetProperty("operations").EnumerateArray().Select(o =>
            $"{o.GetProperty("sequence").GetInt32()}:{o.GetProperty("pinned").GetBoolean()}:{o.GetProperty("managerAssignedAt")}"));
}
