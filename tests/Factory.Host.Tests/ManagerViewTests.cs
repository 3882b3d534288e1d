using System.Net;
using Factory.Contracts.Production;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace Factory.Host.Tests;

/// <summary>Incidents, staff performance, training needs and the hub's operator commands.</summary>
public sealed class ManagerViewTests(FactoryWebApp app) : IClassFixture<FactoryWebApp>
{
    [Fact]
    public async Task An_incident_is_recorded_against_a_worker_and_counted_in_the_safety_summary()
    {
        var control = await app.ReadyClientAsync(FactoryWebApp.ControlRoom);
        await (await control.PostJsonAsync("/api/v1/safety/incidents", new { subject = "Worker", subjectId = "NOPE", severity = "NearMiss", description = "x" })).ProblemAsync(HttpStatusCode.NotFound);
        await (await control.PostJsonAsync("/api/v1/safety/incidents", new { subject = "Worker", subjectId = "W02", severity = "NearMiss", description = "" })).ProblemAsync(HttpStatusCode.BadRequest);

        var recorded = await (await control.PostJsonAsync("/api/v1/safety/incidents",
            new { id = "INC-1", subject = "Worker", subjectId = "W02", severity = "FirstAid", description = "cut finger on a burr" })).OkJsonAsync();
        Assert.Equal("control", recorded.GetProperty("reporter").GetString());
        await (await control.PostJsonAsync("/api/v1/safety/incidents",
            new { id = "INC-1", subject = "Line", subjectId = "L1", severity = "NearMiss", description = "again" })).ProblemAsync(HttpStatusCode.Conflict);

        var summary = await (await control.GetAsync("/api/v1/safety/summary")).OkJsonAsync();
        Assert.Equal(1, summary.GetProperty("incidents").GetInt32());
        Assert.Equal(1, summary.GetProperty("incidentsBySeverity").GetProperty("FirstAid").GetInt32());
        var audit = await (await (await app.ReadyClientAsync()).GetAsync("/api/v1/audit?action=safety.incident")).OkJsonAsync();
        Assert.Equal(4, audit.GetArrayLength());
    }

    [Fact]
    public async Task Training_needs_list_certifications_expiring_within_the_days_asked()
    {
        var client = await app.ReadyClientAsync();
        var soon = await (await client.GetAsync("/api/v1/training-needs?days=0")).OkJsonAsync();
        var all = await (await client.GetAsync("/api/v1/training-needs?days=3650")).OkJsonAsync();
        Assert.True(all.GetProperty("expiring").GetArrayLength() > soon.GetProperty("expiring").GetArrayLength());
        Assert.All(all.GetProperty("expiring").EnumerateArray(), e => Assert.True(e.GetProperty("daysLeft").GetInt32() <= 3650));
        Assert.Equal(JsonValueKindArray, all.GetProperty("heldUp").ValueKind);
        await (await client.GetAsync("/api/v1/training-needs?days=-1")).ProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Staff_performance_counts_the_time_and_output_of_the_assigned_worker()
    {
        var client = await app.ReadyClientAsync();
        var orders = await (await client.GetAsync("/api/v1/workorders")).OkJsonAsync();
        var (order, operation) = orders.EnumerateArray()
            .SelectMany(o => o.GetProperty("operations").EnumerateArray().Select(op => (o, op)))
            .First(p => p.op.GetProperty("machineId").ValueKind == System.Text.Json.JsonValueKind.String && p.op.GetProperty("workerId").ValueKind == System.Text.Json.JsonValueKind.String);
        var machine = operation.GetProperty("machineId").GetString()!;
        var worker = operation.GetProperty("workerId").GetString()!;
        var orderId = order.GetProperty("id").GetString()!;
        var start = DateTimeOffset.UtcNow.AddHours(-3);
        await (await client.PostJsonAsync($"/api/v1/machines/{machine}/events", new
        {
            events = new object[]
            {
                new { at = start, state = "Execute", workOrderId = orderId },
                new { at = start.AddMinutes(5), good = 40, scrap = 2, workOrderId = orderId },
                new { at = start.AddMinutes(20), state = "Stopped" },
            },
        })).OkJsonAsync();

        var perf = await (await client.GetAsync($"/api/v1/staff/performance?from={Uri.EscapeDataString(start.AddMinutes(-1).ToString("O"))}&to={Uri.EscapeDataString(start.AddMinutes(30).ToString("O"))}")).OkJsonAsync();
        var row = perf.GetProperty("workers").EnumerateArray().Single(w => w.GetProperty("workerId").GetString() == worker);
        Assert.Equal(20 * 60, row.GetProperty("actualSeconds").GetDouble());
        Assert.Equal(40, row.GetProperty("good").GetInt64());
        Assert.Equal(operation.GetProperty("standardDurationSeconds").GetDouble(), row.GetProperty("standardSeconds").GetDouble());
    }

    [Fact]
    public async Task The_hub_acknowledges_an_alarm_as_the_signed_in_user_and_refuses_an_unknown_one()
    {
        var manager = await app.ReadyClientAsync();
        await (await manager.PostJsonAsync("/api/v1/machines/CNC-03/events", new { events = new object[] { new { at = DateTimeOffset.UtcNow, tags = new { fault = 1.0 } } } })).OkJsonAsync();
        await using var hub = await app.HubAsync(FactoryWebApp.ControlRoom);

        var acked = await hub.InvokeAsync<AlarmView>("AcknowledgeAlarm", "CNC-03.fault-latched", "fault checked");
        Assert.Equal(Factory.Domain.Alarms.AlarmState.Acknowledged, acked.State);
        await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync<AlarmView>("AcknowledgeAlarm", "NOPE", null));
        // The body is optional for acknowledge and unshelve: without one the alarm's own rules answer.
        await (await manager.PostAsync("/api/v1/alarms/CNC-03.fault-latched/unshelve", null)).ProblemAsync(HttpStatusCode.Conflict);

        var audit = await (await manager.GetAsync("/api/v1/audit?action=alarm.acknowledge&user=control")).OkJsonAsync();
        Assert.Contains(audit.EnumerateArray(), e => e.GetProperty("target").GetString() == "alarm/CNC-03.fault-latched" && e.GetProperty("result").GetString() == "accepted");
        Assert.Contains(audit.EnumerateArray(), e => e.GetProperty("target").GetString() == "alarm/NOPE" && e.GetProperty("result").GetString()!.StartsWith("refused", StringComparison.Ordinal));
    }

    private const System.Text.Json.JsonValueKind JsonValueKindArray = System.Text.Json.JsonValueKind.Array;
}
