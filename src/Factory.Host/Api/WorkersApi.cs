using Factory.Host.Audit;
using Factory.Host.Security;
using Factory.Host.Plant;

namespace Factory.Host.Api;

/// <summary><c>/api/v1/workers</c>.</summary>
public static class WorkersApi
{
    public static RouteGroupBuilder MapWorkersApi(this RouteGroupBuilder api)
    {
        api.MapGet("/workers", async (string? siteId, PlantQueries q) => TypedResults.Ok(await q.WorkersAsync(siteId)))
            .WithTags("People").WithSummary("Workers with skills, certifications and clock state; filter with ?siteId=.");
        api.MapGet("/workers/{id}", async (string id, PlantQueries q) => CommandResults.OkOrNotFound(await q.WorkerAsync(id), $"worker '{id}'"))
            .WithTags("People").WithSummary("One worker.");
        api.MapPost("/workers/{id}/clock-in", (string id, IGrainFactory g) => Clock(g.GetGrain<IWorkerGrain>(id), clockIn: true))
            .RequireAuthorization(FactoryRoles.ManagePolicy).Audited("worker.clock-in")
            .WithTags("People").WithSummary("Clocks a worker in (409 when already in).")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPost("/workers/{id}/clock-out", (string id, IGrainFactory g) => Clock(g.GetGrain<IWorkerGrain>(id), clockIn: false))
            .RequireAuthorization(FactoryRoles.ManagePolicy).Audited("worker.clock-out")
            .WithTags("People").WithSummary("Clocks a worker out (409 when not in).")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        return api;
    }

    private static async Task<IResult> Clock(IWorkerGrain worker, bool clockIn)
    {
        var result = clockIn ? await worker.ClockIn() : await worker.ClockOut();
        return result.Accepted ? TypedResults.Ok(await worker.GetView()) : result.ToHttp();
    }
}
