using Factory.Host.Plant;

namespace Factory.Host.Api;

/// <summary><c>/api/v1/sites</c>.</summary>
public static class SitesApi
{
    public static RouteGroupBuilder MapSitesApi(this RouteGroupBuilder api)
    {
        api.MapGet("/sites", ListSites)
            .WithTags("Plant").WithSummary("All sites with the ids of their lines, machines, workers and work orders.");
        api.MapGet("/sites/{id}", GetSite)
            .WithTags("Plant").WithSummary("One site.");
        return api;
    }

    private static async Task<IResult> ListSites(PlantQueries q) => TypedResults.Ok(await q.SitesAsync());

    private static async Task<IResult> GetSite(string id, PlantQueries q) => CommandResults.OkOrNotFound(await q.SiteAsync(id), $"site '{id}'");
}
