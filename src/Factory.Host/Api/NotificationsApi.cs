using Factory.Host.Audit;
using Factory.Host.Notifications;
using Factory.Host.Security;

namespace Factory.Host.Api;

/// <summary>Notifications that could not be delivered after every attempt, and sending one of them again (managers).</summary>
public static class NotificationsApi
{
    /// <summary>The most dead letters one request returns.</summary>
    public const int MaxLimit = 1000;

    public static RouteGroupBuilder MapNotificationsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/notifications/dead-letters", GetDeadLetters)
            .RequireAuthorization(FactoryRoles.ManagePolicy)
            .WithTags("Notifications").WithSummary("Messages given up after their last attempt, newest first, with the last error: ?limit (1..1000, default 100).");
        api.MapPost("/notifications/dead-letters/{id:long}/retry", RetryDeadLetter)
            .RequireAuthorization(FactoryRoles.ManagePolicy).Audited("notification.retry")
            .WithTags("Notifications").WithSummary("Puts a dead letter back in the outbox with fresh attempts.");
        return api;
    }

    private static async Task<IResult> GetDeadLetters(int? limit, NotificationOutbox outbox)
    {
        if (limit is < 1 or > MaxLimit)
        {
            return CommandResults.Invalid("limit", $"limit must be 1 to {MaxLimit}");
        }

        var letters = await outbox.DeadLettersAsync(limit ?? 100);
        return TypedResults.Ok(letters.Select(l => new
        {
            l.Id,
            channel = l.Message.To.Channel.ToString(),
            address = l.Message.To.Address,
            l.Message.Subject,
            l.Message.EventKey,
            l.Message.Rule,
            l.Message.Level,
            l.Attempts,
            l.LastError,
        }));
    }

    private static async Task<IResult> RetryDeadLetter(long id, NotificationOutbox outbox, PlantClock clock) =>
        await outbox.RetryAsync(id, clock.GetUtcNow())
            ? TypedResults.Ok(new { id, state = "pending" })
            : CommandResults.NotFound($"dead letter {id}");
}
