using Factory.Domain.Limits;
using Factory.Host.Audit;
using Factory.Host.Security;
using Factory.Host.Plant;

namespace Factory.Host.Api;

/// <summary><c>/api/v1/workorders</c>. Give the order an id to make <c>POST /workorders</c> safe to retry.</summary>
public static class WorkOrdersApi
{
    public static RouteGroupBuilder MapWorkOrdersApi(this RouteGroupBuilder api)
    {
        api.MapGet("/workorders", ListWorkOrders)
            .WithTags("Work").WithSummary("Work orders with their operations and assignments; filter with ?siteId=.");
        api.MapGet("/workorders/{id}", GetWorkOrder)
            .WithTags("Work").WithSummary("One work order.");
        api.MapPost("/workorders", Create)
            .RequireAuthorization(FactoryRoles.ManagePolicy).Audited("workorder.create")
            .WithTags("Work").WithSummary("Creates a work order.")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapMethods("/workorders/{id}", ["PATCH"], Reprioritize)
            .RequireAuthorization(FactoryRoles.ManagePolicy).Audited("workorder.reprioritize")
            .WithTags("Work").WithSummary("Changes a work order's priority and/or due date; the site re-plans.")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPut("/workorders/{id}/operations/{seq:int}/assignment", Assign)
            .RequireAuthorization(FactoryRoles.ManagePolicy).Audited("workorder.assign")
            .WithTags("Work").WithSummary("Assigns an operation to a machine and a worker, after checking capability, availability, skill, certification and clock.")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        return api;
    }

    private static async Task<IResult> ListWorkOrders(string? siteId, PlantQueries q) => TypedResults.Ok(await q.WorkOrdersAsync(siteId));

    private static async Task<IResult> GetWorkOrder(string id, PlantQueries q) => CommandResults.OkOrNotFound(await q.WorkOrderAsync(id), $"work order '{id}'");

    private static async Task<IResult> Create(CreateWorkOrderRequest request, IGrainFactory grains, PlantQueries queries, PlantClock clock, IServiceProvider services)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.SiteId))
        {
            errors["siteId"] = ["siteId is required"];
        }
        else if (await queries.SiteAsync(request.SiteId) is null)
        {
            errors["siteId"] = [$"site '{request.SiteId}' does not exist"];
        }

        if (request.DueDate is null)
        {
            errors["dueDate"] = ["dueDate is required"];
        }

        if (request.Operations is null || request.Operations.Count == 0)
        {
            errors["operations"] = ["a work order needs at least one operation"];
        }
        else if (request.Operations.Any(o => o is null))
        {
            errors["operations"] = ["an operation cannot be null"];
        }

        if (request.Id is { } given && (given.Length > 64 || given.Any(c => char.IsWhiteSpace(c) || c == '/')))
        {
            errors["id"] = ["id must be at most 64 characters without spaces or slashes"];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var id = string.IsNullOrWhiteSpace(request.Id) ? $"WO-{clock.GetUtcNow():yyyyMMdd}-{Guid.NewGuid().ToString("N")[..6]}" : request.Id;
        var spec = new WorkOrderSpec(id, request.SiteId!, request.Product ?? "", request.Quantity, request.DueDate!.Value, request.Priority,
            request.Operations!.Select(o => new OperationSpec(o.Sequence, o.Name ?? $"op {o.Sequence}", o.Capability ?? "", o.Skill,
                o.MinSkillLevel, o.StandardDurationSeconds, [.. o.AllowedMachines ?? []],
                TextLimits.Optional(o.Program), TextLimits.Optional(o.Instructions), TextLimits.Optional(o.InstructionsUrl))).ToImmutableArray());
        if (spec.Problems() is { Count: > 0 } unusable)
        {
            return CommandResults.Invalid("operations", string.Join("; ", unusable));
        }

        var grain = grains.GetGrain<IWorkOrderGrain>(id);
        // Create is idempotent (the same spec again is accepted) and Register too, so a retry after a crash between the two
        // finishes the registration instead of leaving an order the site does not list.
        var result = await grain.Create(spec);
        if (!result.Accepted)
        {
            return result.ToHttp();
        }

        if (services.GetService<IWorkOrderCreationProbe>() is { } probe)
        {
            await probe.CreatedAsync(id);
        }

        await grains.GetGrain<ISiteGrain>(spec.SiteId).Register(SiteMember.WorkOrder, id);
        return TypedResults.Created($"/api/v1/workorders/{Uri.EscapeDataString(id)}", await grain.GetView());
    }

    private static async Task<IResult> Reprioritize(string id, ReprioritizeRequest request, IGrainFactory grains)
    {
        if (request.Priority is null && request.DueDate is null)
        {
            return CommandResults.Invalid("workOrder", "give a priority, a dueDate or both");
        }

        var grain = grains.GetGrain<IWorkOrderGrain>(id);
        var result = await grain.Reprioritize(request.Priority, request.DueDate);
        return result.Accepted ? TypedResults.Ok(await grain.GetView()) : result.ToHttp();
    }

    private static async Task<IResult> Assign(string id, int seq, AssignmentRequest request, IGrainFactory grains)
    {
        if (string.IsNullOrWhiteSpace(request.MachineId) || string.IsNullOrWhiteSpace(request.WorkerId))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["assignment"] = ["machineId and workerId are both required"],
            });
        }

        var grain = grains.GetGrain<IWorkOrderGrain>(id);
        var result = await grain.Assign(seq, request.MachineId, request.WorkerId, request.Pinned, request.NotBefore);
        return result.Accepted ? TypedResults.Ok(await grain.GetView()) : result.ToHttp();
    }
}
