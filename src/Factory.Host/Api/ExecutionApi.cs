using System.Security.Claims;
using Factory.Host.Audit;
using Factory.Host.Plant;
using Factory.Host.Security;

namespace Factory.Host.Api;

/// <summary>
/// Execution on the floor: releasing planned operations to their machines, completing an operation by hand, cancelling a
/// work order, and the site's release mode.
/// </summary>
public static class ExecutionApi
{
    /// <summary>Longest reason accepted (it is kept in the order's history and the audit trail).</summary>
    public const int MaxReasonLength = 500;

    public static RouteGroupBuilder MapExecutionApi(this RouteGroupBuilder api)
    {
        // Every execution endpoint is a manager's change.
        var (_, execution) = api.Area("Execution", FactoryRoles.ManagePolicy);
        execution.MapPost("/workorders/{id}/operations/{seq:int}/release", ReleaseOperation).Audited("workorder.release")
            .WithSummary("Releases a ready operation to the machine the plan gives it (in any release mode).")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        execution.MapPost("/workorders/{id}/operations/{seq:int}/complete", CompleteOperation).Audited("workorder.complete")
            .WithSummary("Completes an operation by hand; a reason is required when fewer good parts than the quantity were counted.")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        execution.MapPost("/workorders/{id}/cancel", Cancel).Audited("workorder.cancel")
            .WithSummary("Cancels a work order (a reason is required): machines give back its jobs, and it leaves the plan.")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        execution.MapPost("/machines/{id}/release-next", ReleaseNext).Audited("machine.release-next")
            .WithSummary("Releases the machine's next planned operation that is ready.")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        execution.MapPut("/sites/{id}/plan/release-mode", SetReleaseMode).Audited("plan.release-mode")
            .WithSummary("Chooses Automatic or Manual release of planned operations to their machines.")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    private static async Task<IResult> ReleaseOperation(string id, int seq, IGrainFactory grains, PlantQueries queries)
    {
        if (await queries.WorkOrderAsync(id) is not { } order)
        {
            return CommandResults.NotFound($"work order '{id}'");
        }

        var result = await grains.GetGrain<IDispatcherGrain>(order.SiteId).ReleaseOperation(id, seq);
        return result.Accepted ? TypedResults.Ok(await queries.WorkOrderAsync(id)) : result.ToHttp();
    }

    private static async Task<IResult> CompleteOperation(string id, int seq, OperationNoteRequest? request, IGrainFactory grains, ClaimsPrincipal user)
    {
        if (request?.Reason is { Length: > MaxReasonLength })
        {
            return CommandResults.Invalid("reason", $"a reason is at most {MaxReasonLength} characters");
        }

        var grain = grains.GetGrain<IWorkOrderGrain>(id);
        var result = await grain.CompleteOperation(seq, request?.Reason, user.Identity?.Name ?? "unknown");
        return result.Accepted ? TypedResults.Ok(await grain.GetView()) : result.ToHttp();
    }

    private static async Task<IResult> Cancel(string id, OperationNoteRequest? request, IGrainFactory grains, ClaimsPrincipal user)
    {
        if (string.IsNullOrWhiteSpace(request?.Reason))
        {
            return CommandResults.Invalid("reason", "a reason is required to cancel a work order");
        }

        if (request.Reason.Length > MaxReasonLength)
        {
            return CommandResults.Invalid("reason", $"a reason is at most {MaxReasonLength} characters");
        }

        var grain = grains.GetGrain<IWorkOrderGrain>(id);
        var result = await grain.Cancel(request.Reason, user.Identity?.Name ?? "unknown");
        return result.Accepted ? TypedResults.Ok(await grain.GetView()) : result.ToHttp();
    }

    private static async Task<IResult> ReleaseNext(string id, IGrainFactory grains, PlantQueries queries)
    {
        if (await queries.MachineAsync(id) is not { } machine)
        {
            return CommandResults.NotFound($"machine '{id}'");
        }

        var result = await grains.GetGrain<IDispatcherGrain>(machine.SiteId).ReleaseNext(id);
        return result.Accepted ? TypedResults.Ok(await queries.MachineAsync(id)) : result.ToHttp();
    }

    private static async Task<IResult> SetReleaseMode(string id, ReleaseModeRequest request, IGrainFactory grains, PlantQueries queries)
    {
        if (!Enum.TryParse<ReleaseMode>(request.Mode, ignoreCase: true, out var mode) || !Enum.IsDefined(mode) || request.Mode!.Any(char.IsDigit))
        {
            return CommandResults.Invalid("mode", $"'{request.Mode}' is not a release mode; use Automatic or Manual");
        }

        if (await queries.SiteAsync(id) is null)
        {
            return CommandResults.NotFound($"site '{id}'");
        }

        var dispatcher = grains.GetGrain<IDispatcherGrain>(id);
        var result = await dispatcher.SetReleaseMode(mode);
        return result.Accepted ? TypedResults.Ok(await dispatcher.GetPlan()) : result.ToHttp();
    }
}
