using Factory.Host.Audit;
using Factory.Host.Security;
using Factory.Host.Plant;

namespace Factory.Host.Api;

/// <summary><c>/api/v1/workers</c>.</summary>
public static class WorkersApi
{
    public static RouteGroupBuilder MapWorkersApi(this RouteGroupBuilder api)
    {
        var (reads, changes) = api.Area("People", FactoryRoles.ManagePolicy);
        reads.MapGet("/workers", ListWorkers)
            .WithSummary("Workers with skills, certifications and clock state; filter with ?siteId=.");
        reads.MapGet("/workers/{id}", GetWorker)
            .WithSummary("One worker.");
        changes.MapPost("/workers/{id}/clock-in", ClockIn).Audited("worker.clock-in")
            .WithSummary("Clocks a worker in (409 when already in).")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        changes.MapPost("/workers/{id}/clock-out", ClockOut).Audited("worker.clock-out")
            .WithSummary("Clocks a worker out (409 when not in).")
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
