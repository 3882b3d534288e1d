using System.Globalization;
using System.Text.Json;
using Factory.Domain.Notifications;
using Factory.Host.Audit;

namespace Factory.Host.Notifications;

/// <summary>
/// Plans what the intake took in (matching rules open an escalation and queue its first level), sends the next
/// levels of escalations still unacknowledged when their delay has passed, and drains the outbox: email over SMTP,
/// webhooks over HTTP, retried with a doubling delay and moved to the dead letters after the last attempt.
/// Every delivery and every failure goes into the audit trail. Times are the plant's clock, so a fast clock escalates fast.
/// </summary>
public sealed class NotificationService(
    NotificationIntake intake,
    NotificationOutbox outbox,
    NotificationSettings settings,
    EmailDelivery email,
    WebhookDelivery webhooks,
    IAuditStore audit,
    Plant.PlantCatalog catalog,
    Plant.PlantQueries queries,
    PlantClock clock,
    IGrainFactory grains,
    ILogger<NotificationService> logger) : BackgroundService
{
    private const string Who = "system";
    private const int Batch = 100;

    private readonly IReadOnlyList<NotificationRule> _rules = settings.ValidRules();

    // Names this host when it claims an event's notifications from the other hosts of a cluster.
    private readonly string _claimant = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var byName = _rules.ToDictionary(r => r.Name, StringComparer.Ordinal);
        var ordersRead = !_rules.Any(r => r.Kind == NotificationKind.OrderAtRisk);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (!ordersRead)
                {
                    // Orders at risk already when the host starts, and not changing, are told too: read them all once.
                    foreach (var site in await catalog.SiteIds)
                    {
                        intake.ObserveOrders(await queries.WorkOrdersAsync(site));
                    }

                    ordersRead = true;
                }

                intake.CheckDueDates();
                while (intake.Inputs.TryRead(out var input))
                {
                    await PlanAsync(input);
                }

                await EscalateAsync(byName);
                await DeliverAsync(stoppingToken);
                await WaitAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // The outbox keeps everything: a failed round is simply done again.
                logger.LogError(e, "A notification round failed; trying again");
                await Task.Delay(settings.PollInterval, clock.Time, stoppingToken);
            }
        }
    }

    private async Task PlanAsync(NotificationInput input)
    {
        if (input.Acknowledged is { } subject)
        {
            await outbox.CloseAsync(subject);
            return;
        }

        var e = input.Event!;
        var rules = NotificationPlan.RulesFor(_rules, e, input.Area);
        if (rules.Count == 0 || !await ClaimAsync(e))
        {
            return;
        }

        var now = clock.GetUtcNow();
        foreach (var rule in rules)
        {
            var (due, next) = Escalation.Due(rule, e, 0, now, acknowledged: false);
            var messages = await OnShiftAsync(e, due);
            var (opened, refused) = await outbox.OpenAsync(e, rule.Name, messages, next, settings.QueueLimit, now);
            if (opened && next >= rule.Levels.Length)
            {
                await outbox.AdvanceAsync(new OpenEscalation(e, rule.Name, next), [], next, done: true, settings.QueueLimit, now);
            }

            await RefusedAsync(e, rule.Name, refused);
        }
    }

    /// <summary>Whether this host sends the event's notifications (another host of the cluster may have claimed them).</summary>
    private async Task<bool> ClaimAsync(NotificationEvent e)
    {
        try
        {
            return await grains.GetGrain<INotificationClaimGrain>(e.Key).Claim(_claimant);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Better sent twice than never: the event is already out of the intake.
            logger.LogWarning(ex, "Could not claim the notifications of {Event}; sending them from this host", e.Key);
            return true;
        }
    }

    private async Task EscalateAsync(Dictionary<string, NotificationRule> byName)
    {
        var now = clock.GetUtcNow();
        foreach (var open in await outbox.OpenEscalationsAsync())
        {
            if (!byName.TryGetValue(open.Rule, out var rule))
            {
                // The rule was removed from the configuration: nobody is left to escalate to.
                await outbox.AdvanceAsync(open, [], open.NextLevel, done: true, settings.QueueLimit, now);
                continue;
            }

            if (Escalation.NextAt(rule, open.Event, open.NextLevel) is not { } due || due > now)
            {
                continue;
            }

            var (dueMessages, next) = Escalation.Due(rule, open.Event, open.NextLevel, now, acknowledged: false);
            var messages = await OnShiftAsync(open.Event, dueMessages);
            var refused = await outbox.AdvanceAsync(open, messages, next, next >= rule.Levels.Length, settings.QueueLimit, now);
            await RefusedAsync(open.Event, rule.Name, refused);
        }
    }

    private async Task DeliverAsync(CancellationToken stoppingToken)
    {
        var due = await outbox.DueAsync(clock.GetUtcNow(), Batch);
        // A few at a time, so one slow webhook does not hold up the emails behind it.
        await Parallel.ForEachAsync(due, new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = stoppingToken },
            async (message, ct) => await DeliverAsync(message, ct));
    }

    private async Task DeliverAsync(OutboxMessage queued, CancellationToken stoppingToken)
    {
        var m = queued.Message;
        var attempt = queued.Attempts + 1;
        try
        {
            if (m.To.Channel == NotificationChannel.Email)
            {
                await email.SendAsync(m, stoppingToken);
            }
            else
            {
                await webhooks.SendAsync(queued.Id, m, clock.GetUtcNow(), stoppingToken);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            var error = e.Message.Length <= 500 ? e.Message : e.Message[..500];
            var dead = attempt >= settings.MaxAttempts;
            DateTimeOffset? retryAt = dead ? null : clock.GetUtcNow() + Backoff(attempt);
            await outbox.FailedAsync(queued.Id, error, retryAt);
            var result = dead ? $"dead letter after {attempt} attempts: {error}" : string.Create(CultureInfo.InvariantCulture, $"attempt {attempt} of {settings.MaxAttempts} failed: {error}; retry at {retryAt:O}");
            await audit.AppendAsync(Who, "notification.failed", m.To.Address, m.Subject, result, Details(queued, attempt));
            logger.LogWarning("Notification {Id} to {Address} failed: {Result}", queued.Id, m.To.Address, result);
            return;
        }

        await outbox.SentAsync(queued.Id);
        await audit.AppendAsync(Who, "notification.sent", m.To.Address, m.Subject, "sent", Details(queued, attempt));
    }

    private TimeSpan Backoff(int attempt)
    {
        var factor = Math.Pow(2, Math.Min(attempt - 1, 20));
        var delay = TimeSpan.FromTicks((long)Math.Min(settings.RetryDelay.Ticks * factor, settings.MaxRetryDelay.Ticks));
        return delay;
    }

    private async Task WaitAsync(CancellationToken stoppingToken)
    {
        var now = clock.GetUtcNow();
        var wait = settings.PollInterval;
        if (await outbox.NextDueAsync() is { } next && next - now < wait)
        {
            wait = next <= now ? TimeSpan.Zero : next - now;
        }

        if (wait <= TimeSpan.Zero || intake.Inputs.Count > 0)
        {
            return;
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        timeout.CancelAfter(wait);
        try
        {
            await intake.Inputs.WaitToReadAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            // the wait is over: time for the escalations and retries
        }
    }

    /// <summary>Who is on shift with the skills the messages name, as the workers stand now (when the level falls due).</summary>
    private async Task<IReadOnlyList<NotificationMessage>> OnShiftAsync(NotificationEvent e, IReadOnlyList<NotificationMessage> messages)
    {
        if (!messages.Any(m => m.To.Channel == NotificationChannel.OnShift))
        {
            return messages;
        }

        var emails = (await catalog.Specs).WorkerEmails;
        var workers = (await queries.WorkersAsync(e.Site))
            .Select(w => new WorkerOnShift(w.ToWorker(), emails.GetValueOrDefault(w.Id)));
        var (resolved, unresolved) = OnShiftRecipients.Resolve(messages, workers, clock.GetUtcNow());
        foreach (var skill in unresolved.Distinct(StringComparer.OrdinalIgnoreCase))
        {
            await audit.AppendAsync(Who, "notification.failed", $"on shift: {skill}", e.Title,
                $"nobody clocked in on site {e.Site} with skill {skill} has an email", JsonSerializer.Serialize(new { eventKey = e.Key }));
        }

        return resolved;
    }

    private async Task RefusedAsync(NotificationEvent e, string rule, int refused)
    {
        if (refused > 0)
        {
            await audit.AppendAsync(Who, "notification.failed", e.SubjectId, e.Title,
                $"{refused} messages refused: the outbox holds its limit of {settings.QueueLimit}", JsonSerializer.Serialize(new { eventKey = e.Key, rule }));
        }
    }

    private static string Details(OutboxMessage queued, int attempt) => JsonSerializer.Serialize(new
    {
        id = queued.Id,
        eventKey = queued.Message.EventKey,
        rule = queued.Message.Rule,
        level = queued.Message.Level,
        channel = queued.Message.To.Channel.ToString(),
        attempt,
    });
}
