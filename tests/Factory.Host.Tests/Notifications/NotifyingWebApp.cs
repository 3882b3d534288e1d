using Microsoft.AspNetCore.Hosting;

namespace Factory.Host.Tests.Notifications;

/// <summary>
/// The real host with notification rules pointing at a real SMTP server and a real webhook receiver on loopback,
/// with short escalation delays and retries so the test runs in seconds.
/// </summary>
public sealed class NotifyingWebApp : FactoryWebApp
{
    public const string Secret = "test-webhook-secret";

    public SmtpSink Smtp { get; } = new();

    /// <summary>"/flaky" fails its first two calls (then the third attempt gets through); "/down" always fails.</summary>
    public WebhookReceiver Webhooks { get; } = new(Secret, new Dictionary<string, int> { ["/flaky"] = 2, ["/down"] = int.MaxValue });

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        var settings = new Dictionary<string, string>
        {
            ["PollInterval"] = "00:00:00.100",
            ["MaxAttempts"] = "3",
            ["RetryDelay"] = "00:00:00.200",
            ["MaxRetryDelay"] = "00:00:01",
            ["Smtp:Host"] = "127.0.0.1",
            ["Smtp:Port"] = Smtp.Port.ToString(),
            ["Smtp:From"] = "factory@plant.test",
            ["Webhooks:Secret"] = Secret,
            ["Webhooks:Timeout"] = "00:00:10",
            ["Rules:0:Name"] = "cnc-02-high",
            ["Rules:0:Kind"] = "AlarmRaised",
            ["Rules:0:MinPriority"] = "High",
            ["Rules:0:Machines:0"] = "CNC-02",
            ["Rules:0:Levels:0:After"] = "00:00:00",
            ["Rules:0:Levels:0:Emails:0"] = "shift@plant.test",
            ["Rules:0:Levels:0:Webhooks:0"] = Webhooks.Url("/flaky"),
            ["Rules:0:Levels:0:OnShiftSkills:0"] = "machining",
            ["Rules:0:Levels:1:After"] = "00:00:02",
            ["Rules:0:Levels:1:Emails:0"] = "lead@plant.test",
            ["Rules:0:Levels:2:After"] = EscalationToManager.ToString(),
            ["Rules:0:Levels:2:Emails:0"] = "manager@plant.test",
            ["Rules:1:Name"] = "cnc-01-hook",
            ["Rules:1:Machines:0"] = "CNC-01",
            ["Rules:1:Levels:0:After"] = "00:00:00",
            ["Rules:1:Levels:0:Webhooks:0"] = Webhooks.Url("/down"),
            ["Rules:2:Name"] = "maintenance-andon",
            ["Rules:2:Kind"] = "AndonCall",
            ["Rules:2:AndonKinds:0"] = "Maintenance",
            ["Rules:2:Levels:0:After"] = "00:00:00",
            ["Rules:2:Levels:0:Emails:0"] = "crew@plant.test",
            ["Rules:2:Levels:1:After"] = SecondLevel.ToString(),
            ["Rules:2:Levels:1:Emails:0"] = "crew-lead@plant.test",
            ["Rules:3:Name"] = "orders-at-risk",
            ["Rules:3:Kind"] = "OrderAtRisk",
            ["Rules:3:Levels:0:After"] = "00:00:00",
            ["Rules:3:Levels:0:Emails:0"] = "planner@plant.test",
            ["Rules:3:Levels:1:After"] = SecondLevel.ToString(),
            ["Rules:3:Levels:1:Emails:0"] = "production-manager@plant.test",
        };
        foreach (var (key, value) in settings)
        {
            builder.UseSetting("Factory:Notifications:" + key, value);
        }
    }

    /// <summary>When the CNC-02 rule's third level (the manager) is due: long enough to acknowledge before it on a loaded machine.</summary>
    public static TimeSpan EscalationToManager { get; } = TimeSpan.FromSeconds(20);

    /// <summary>When the andon and order rules' second level is due: long enough to answer or cancel before it on a loaded machine.</summary>
    public static TimeSpan SecondLevel { get; } = TimeSpan.FromSeconds(15);

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Smtp.Dispose();
        Webhooks.Dispose();
    }
}
