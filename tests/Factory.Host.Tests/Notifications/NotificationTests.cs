using System.Net;
using System.Text.Json;

namespace Factory.Host.Tests.Notifications;

/// <summary>
/// Notifications through the real host: an alarm raised over the API reaches a real SMTP server and a signed webhook
/// (after the receiver refused it twice), escalates while unacknowledged, stops escalating once acknowledged; a webhook
/// that always fails ends in the dead letters and can be retried; the audit trail records it all.
/// </summary>
public sealed class NotificationTests(NotifyingWebApp app) : IClassFixture<NotifyingWebApp>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task An_alarm_is_mailed_and_posted_escalates_until_acknowledged_and_a_failing_webhook_ends_in_the_dead_letters()
    {
        var manager = await app.ReadyClientAsync();
        var control = await app.ReadyClientAsync(FactoryWebApp.ControlRoom);

        var raisedAt = DateTimeOffset.UtcNow;
        await (await manager.PostJsonAsync("/api/v1/machines/CNC-02/events", new { events = new object[] { new { at = raisedAt, tags = new { spindle = 95.0 } } } })).OkJsonAsync();

        var first = await app.Smtp.WaitForAsync(m => m.To.Contains("shift@plant.test"), Wait, "to the shift");
        Assert.Equal("factory@plant.test", first.From);
        Assert.Equal("High alarm on CNC-02: Spindle temperature high", first.Subject);
        Assert.StartsWith("CNC-02.spindle-temp-high@", first.Event, StringComparison.Ordinal);
        Assert.Contains("Machine: CNC-02", first.Body, StringComparison.Ordinal);

        // Whoever is clocked in with the skill and has an email in the plant file (W01, W02; W08 is clocked out).
        await app.Smtp.WaitForAsync(m => m.To.Contains("ana.silva@plant.example"), Wait, "to W01, on shift with machining");
        await app.Smtp.WaitForAsync(m => m.To.Contains("ben.okafor@plant.example"), Wait, "to W02, on shift with machining");

        // The receiver refused the first two posts; the third attempt got through, signed.
        var posted = await app.Webhooks.WaitForAsync(c => c.Path == "/flaky" && c.Answered == 200, Wait, "accepted at /flaky");
        Assert.True(posted.Signed);
        Assert.Equal([503, 503, 200], app.Webhooks.Received.Where(c => c.Path == "/flaky").Select(c => c.Answered));
        using (var json = JsonDocument.Parse(posted.Body))
        {
            Assert.Equal(first.Event, json.RootElement.GetProperty("eventKey").GetString());
            Assert.Equal(0, json.RootElement.GetProperty("level").GetInt32());
            Assert.Equal("cnc-02-high", json.RootElement.GetProperty("rule").GetString());
        }

        // Not acknowledged: the shift lead is told after the level's delay.
        var escalated = await app.Smtp.WaitForAsync(m => m.To.Contains("lead@plant.test"), Wait, "escalated to the lead");
        Assert.StartsWith("[escalation 2", escalated.Subject, StringComparison.Ordinal);
        Assert.Equal(first.Event, escalated.Event);

        await (await control.PostJsonAsync("/api/v1/alarms/CNC-02.spindle-temp-high/acknowledge", new { comment = "on my way" })).OkJsonAsync();
        Assert.True(DateTimeOffset.UtcNow < raisedAt + NotifyingWebApp.EscalationToManager,
            "the machine was too slow to acknowledge before the manager's level was due; the test cannot show that acknowledging stops escalation");

        // Let the manager's level fall due, then raise another alarm and follow it through three attempts to the dead
        // letters: every one of those rounds looked at the open escalations first, so a manager email would be there by now.
        while (DateTimeOffset.UtcNow < raisedAt + NotifyingWebApp.EscalationToManager + TimeSpan.FromSeconds(1))
        {
            await Task.Delay(100);
        }

        await (await manager.PostJsonAsync("/api/v1/machines/CNC-01/events", new { events = new object[] { new { at = DateTimeOffset.UtcNow, tags = new { spindle = 95.0 } } } })).OkJsonAsync();
        var dead = await DeadLetterAsync(manager, app.Webhooks.Url("/down"));
        Assert.Equal(3, dead.GetProperty("attempts").GetInt32());
        Assert.Contains("503", dead.GetProperty("lastError").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(app.Smtp.Received(), m => m.To.Contains("manager@plant.test"));
        Assert.DoesNotContain(app.Smtp.Received(), m => m.To.Contains("hugo.petit@plant.example"));
        Assert.Equal(3, app.Webhooks.Received.Count(c => c.Path == "/down"));

        // Dead letters are for managers; one sent again is tried again (and fails again here).
        Assert.Equal(HttpStatusCode.Forbidden, (await control.GetAsync("/api/v1/notifications/dead-letters")).StatusCode);
        await (await manager.GetAsync("/api/v1/notifications/dead-letters?limit=0")).ProblemAsync(HttpStatusCode.BadRequest);
        await (await manager.PostJsonAsync("/api/v1/notifications/dead-letters/999999/retry", new { })).ProblemAsync(HttpStatusCode.NotFound);
        var id = dead.GetProperty("id").GetInt64();
        await (await manager.PostJsonAsync($"/api/v1/notifications/dead-letters/{id}/retry", new { })).OkJsonAsync();
        await app.Webhooks.WaitForAsync(_ => app.Webhooks.Received.Count(c => c.Path == "/down") > 3, Wait, "retried at /down");

        var audit = (await (await manager.GetAsync("/api/v1/audit?action=notification.")).OkJsonAsync()).EnumerateArray().ToList();
        string Of(JsonElement e, string name) => e.GetProperty(name).GetString()!;
        Assert.Contains(audit, e => Of(e, "action") == "notification.sent" && Of(e, "target") == "shift@plant.test" && Of(e, "who") == "system");
        Assert.Contains(audit, e => Of(e, "action") == "notification.sent" && Of(e, "target") == "lead@plant.test");
        Assert.Contains(audit, e => Of(e, "action") == "notification.sent" && Of(e, "target") == app.Webhooks.Url("/flaky"));
        Assert.Equal(2, audit.Count(e => Of(e, "action") == "notification.failed" && Of(e, "target") == app.Webhooks.Url("/flaky")));
        Assert.Contains(audit, e => Of(e, "action") == "notification.failed" && Of(e, "target") == app.Webhooks.Url("/down")
            && Of(e, "result").StartsWith("dead letter after 3 attempts", StringComparison.Ordinal));
        Assert.Contains(audit, e => Of(e, "action") == "notification.retry" && Of(e, "who") == "manager");
        Assert.DoesNotContain(audit, e => Of(e, "target") == "manager@plant.test");
    }

    [Fact]
    public async Task A_maintenance_andon_call_reaches_the_crew_and_stops_escalating_once_answered_other_kinds_do_not()
    {
        var manager = await app.ReadyClientAsync();
        var calledAt = DateTimeOffset.UtcNow;
        var call = await (await manager.PostJsonAsync("/api/v1/machines/WLD-02/andon", new { kind = "maintenance", note = "coolant leak" })).OkJsonAsync();
        await (await manager.PostJsonAsync("/api/v1/machines/WLD-02/andon", new { kind = "help" })).OkJsonAsync();
        var mail = await app.Smtp.WaitForAsync(m => m.To.Contains("crew@plant.test"), Wait, "the maintenance call to the crew");
        Assert.Equal("Andon at WLD-02: maintenance", mail.Subject);
        Assert.Contains("coolant leak", mail.Body, StringComparison.Ordinal);

        var alarmId = call.GetProperty("alarm").GetProperty("id").GetString();
        await (await manager.PostJsonAsync($"/api/v1/machines/WLD-02/andon/{alarmId}/clear", new { })).OkJsonAsync();
        Assert.True(DateTimeOffset.UtcNow < calledAt + NotifyingWebApp.SecondLevel,
            "the machine was too slow to answer before the crew lead's level was due; the test cannot show that answering stops escalation");
        await PastAsync(calledAt + NotifyingWebApp.SecondLevel);
        Assert.DoesNotContain(app.Smtp.Received(), m => m.To.Contains("crew-lead@plant.test"));
        Assert.Single(app.Smtp.Received(), m => m.To.Contains("crew@plant.test"));
    }

    [Fact]
    public async Task An_order_that_will_miss_its_due_date_is_told_to_the_planner_and_one_that_passes_it_too()
    {
        var manager = await app.ReadyClientAsync();
        var createdAt = DateTimeOffset.UtcNow;
        // An hour of work due in ten minutes: at risk at once.
        await (await manager.PostJsonAsync("/api/v1/workorders", Order("WO-RISK", createdAt.AddMinutes(10), 3600))).OkJsonAsync(HttpStatusCode.Created);
        var atRisk = await app.Smtp.WaitForAsync(m => m.To.Contains("planner@plant.test") && m.Subject.Contains("WO-RISK", StringComparison.Ordinal), Wait, "WO-RISK at risk");
        Assert.StartsWith("Work order WO-RISK (Bracket) is at risk: expected ", atRisk.Subject, StringComparison.Ordinal);
        // Cancelled: nothing is at risk any more, so nobody further is told.
        await (await manager.PostJsonAsync("/api/v1/workorders/WO-RISK/cancel", new { reason = "customer cancelled" })).OkJsonAsync();
        Assert.True(DateTimeOffset.UtcNow < createdAt + NotifyingWebApp.SecondLevel,
            "the machine was too slow to cancel before the manager's level was due; the test cannot show that cancelling stops escalation");

        // A second of work due in three seconds: on track, until its due date passes with nothing having changed.
        var dueAt = DateTimeOffset.UtcNow.AddSeconds(3);
        await (await manager.PostJsonAsync("/api/v1/workorders", Order("WO-LATE", dueAt, 1))).OkJsonAsync(HttpStatusCode.Created);
        var overdue = await app.Smtp.WaitForAsync(m => m.To.Contains("planner@plant.test") && m.Subject.Contains("WO-LATE", StringComparison.Ordinal), Wait, "WO-LATE overdue");
        Assert.StartsWith("Work order WO-LATE (Bracket) is overdue", overdue.Subject, StringComparison.Ordinal);
        Assert.True(DateTimeOffset.UtcNow >= dueAt, "told before it was overdue");

        await PastAsync(createdAt + NotifyingWebApp.SecondLevel);
        Assert.DoesNotContain(app.Smtp.Received(), m => m.To.Contains("production-manager@plant.test") && m.Subject.Contains("WO-RISK", StringComparison.Ordinal));
        await (await manager.PostJsonAsync("/api/v1/workorders/WO-LATE/cancel", new { reason = "test done" })).OkJsonAsync();
    }

    private static object Order(string id, DateTimeOffset due, double seconds) => new
    {
        id, siteId = "plant-1", product = "Bracket", quantity = 1, dueDate = due, priority = 1,
        operations = new object[] { new { sequence = 10, name = "Weld", capability = "no-such-capability", standardDurationSeconds = seconds } },
    };

    private static async Task PastAsync(DateTimeOffset moment)
    {
        while (DateTimeOffset.UtcNow < moment + TimeSpan.FromSeconds(1))
        {
            await Task.Delay(100);
        }
    }

    private static async Task<JsonElement> DeadLetterAsync(HttpClient manager, string address)
    {
        var deadline = DateTime.UtcNow + Wait;
        while (true)
        {
            var letters = await (await manager.GetAsync("/api/v1/notifications/dead-letters")).OkJsonAsync();
            if (letters.EnumerateArray().FirstOrDefault(l => l.GetProperty("address").GetString() == address) is { ValueKind: JsonValueKind.Object } letter)
            {
                return letter;
            }

            Assert.True(DateTime.UtcNow < deadline, $"no dead letter for {address} within {Wait.TotalSeconds} s");
            await Task.Delay(100);
        }
    }
}
