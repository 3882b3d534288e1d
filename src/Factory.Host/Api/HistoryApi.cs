using Factory.Domain.History;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Factory.Host.Api;

/// <summary><c>/api/v1/machines/{id}/history</c>: a machine's tags from the historian, with its state bands.</summary>
public static class HistoryApi
{
    /// <summary>Tags one request may ask for (each is one query).</summary>
    public const int MaxTags = 20;

    public static RouteGroupBuilder MapHistoryApi(this RouteGroupBuilder api)
    {
        api.MapGet("/machines/{id}/history", GetHistory)
            .WithTags("History")
            .WithSummary("A machine's tags over ?from=&to= (ISO instants; default the last hour) in at most ?points= points (default 800): raw samples, or min/max/mean buckets, with the PackML state bands. ?tag= repeated or comma-separated; none for every tag.")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    /// <summary>Validates the window with the domain's rule, then reads each tag and the states for it.</summary>
    public static async Task<Results<Ok<MachineHistoryView>, ValidationProblem, ProblemHttpResult>> GetHistory(
        string id, [FromQuery] string[]? tag, DateTimeOffset? from, DateTimeOffset? to, int? points,
        Production.ProductionCatalog catalog, IHistorian historian, PlantClock clock, CancellationToken cancellationToken)
    {
        if (catalog.Machine(id) is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: $"machine '{id}' does not exist");
        }

        var end = to ?? clock.GetUtcNow();
        var start = from ?? end.AddHours(-1);
        var (window, refusal) = HistoryWindow.Create(start, end, points);
        if (window is null)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { [points is < 1 or > HistoryWindow.MaxPoints ? "points" : "to"] = [refusal!.Reason] });
        }

        var tags = (tag ?? []).SelectMany(t => t.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).Distinct(StringComparer.Ordinal).ToList();
        if (tags.Count == 0)
        {
            tags = [.. (await historian.TagsAsync(id, cancellationToken)).Take(MaxTags)];
        }
        else if (tags.Count > MaxTags)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["tag"] = [$"at most {MaxTags} tags per request"] });
        }

        var trends = new List<TagHistoryView>();
        foreach (var name in tags)
        {
            var trend = await historian.QueryAsync(id, name, window, cancellationToken);
            trends.Add(new TagHistoryView(name, trend.BucketWidth?.TotalSeconds, [.. trend.Points.Select(TrendPointView.From)],
                trend.Prior is { } prior ? TrendPointView.From(prior) : null));
        }

        var states = await historian.StatesAsync(id, window.From, window.To, cancellationToken);
        var bands = states.Select((e, i) => new StateBandView(
                e.At < window.From ? window.From : e.At,
                i + 1 < states.Count ? states[i + 1].At : null,
                e.State.ToString(), e.Mode.ToString(), e.Quality.ToString()))
            .ToList();
        return TypedResults.Ok(new MachineHistoryView(id, window.From, window.To, window.Points, trends, bands));
    }
}
