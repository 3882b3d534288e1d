using Factory.Host.Audit;
using Factory.Host.Security;
using Factory.Host.Plant;

namespace Factory.Host.Api;

/// <summary><c>/api/v1/workers</c>.</summary>
public static class WorkersApi
{
    public static RouteGroupBuilder MapWorkersApi(this RouteGroupBuilder api)
    {
        api.MapGet("/workers", ListWorkers)
            .WithTags("People").WithSummary("Workers with skills, certifications and clock state; filter with ?siteId=.");
        api.MapGet("/workers/{id}", GetWorker)
            .WithTags("People").WithSummary("One worker.");
        api.MapPost("/workers/{id}/clock-in", ClockIn)
            .RequireAuthorization(FactoryRoles.ManagePolicy).Audited("worker.clock-in")
            .WithTags("People").WithSummary("Clocks a worker in (409 when already in).")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPost("/workers/{id}/clock-out", ClockOut)
            .RequireAuthorization(FactoryRoles.ManagePolicy).Audited("worker.clock-out")
            .WithTags("People").WithSummary("Clocks a worker out (409 when not in).")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        return api;
    }

    private static async Task<IResult> ListWorkers(string? siteId, PlantQueries q) => TypedResults.Ok(await q.WorkersAsync(siteId));

    private static async Task<IResult> GetWorker(string id, PlantQueries q) => CommandResults.OkOrNotFound(await q.WorkerAsync(id), $"worker '{id}'");

    private static Task<IResult> ClockIn(string id, IGrainFactory g) => Clock(g.GetGrain<IWorkerGrain>(id), clockIn: true);

    private static Task<IResult> ClockOut(string id, IGrainFactory g) => Clock(g.GetGrain<IWorkerGrain>(id), clockIn: false);

    private static async Task<IResult> Clock(IWorkerGrain worker, bool clockIn)
    {
        var result = clockIn ? await worker.ClockIn() : await worker.ClockOut();
        return result.Accepted ? TypedResults.Ok(await worker.GetView()) : result.ToHttp();
    }
}
