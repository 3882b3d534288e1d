using Factory.Host.Plant;

namespace Factory.Host.Api;

/// <summary><c>/api/v1/lines</c>.</summary>
public static class LinesApi
{
    public static RouteGroupBuilder MapLinesApi(this RouteGroupBuilder api)
    {
        api.MapGet("/lines", ListLines)
            .WithTags("Plant").WithSummary("Lines with derived status and throughput; filter with ?siteId=.");
        api.MapGet("/lines/{id}", GetLine)
            .WithTags("Plant").WithSummary("One line.");
        return api;
    }

    private static async Task<IResult> ListLines(string? siteId, PlantQueries q) => TypedResults.Ok(await q.LinesAsync(siteId));

    private static async Task<IResult> GetLine(string id, PlantQueries q) => CommandResults.OkOrNotFound(await q.LineAsync(id), $"line '{id}'");
}
