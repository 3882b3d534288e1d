using System.Security.Claims;
using Factory.Contracts.Maintenance;
using Factory.Domain.Maintenance;
using Factory.Host.Audit;
using Factory.Host.Production;
using Factory.Host.Security;

namespace Factory.Host.Api;

/// <summary>
/// <c>/api/v1/maintenance</c>: maintenance work orders (request, plan into a window, start, finish, cancel) and plans by run
/// hours, cycles, calendar days or a tag condition. Each site's grain keeps its own; an order or plan is found through its machine's site.
/// Changes are for managers and the maintenance team (<see cref="FactoryRoles.MaintainPolicy"/>).
/// </summary>
public static class MaintenanceApi
{
    public static RouteGroupBuilder MapMaintenanceApi(this RouteGroupBuilder api)
    {
        var (maintenance, changes) = api.Area("Maintenance", FactoryRoles.MaintainPolicy, "/maintenance");
        maintenance.MapGet("/orders", ListOrders)
            .WithSummary("Maintenance orders, newest first; filter with ?machineId= and ?status=.");
        maintenance.MapGet("/orders/{id}", GetOrder)
            .WithSummary("One maintenance order.");
        changes.MapPost("/orders", CreateOrder).Audited("maintenance.order.create")
            .WithSummary("Requests a corrective or preventive maintenance order for a machine; a missing estimate, skill and certification are learned from the orders of its kind done on the machine.")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        changes.MapPost("/orders/{id}/plan", PlanOrder).Audited("maintenance.order.plan")
            .WithSummary("Plans the order into [start, end): a planned-maintenance stop on its machine for that window.");
        changes.MapPost("/orders/{id}/start", StartOrder).Audited("maintenance.order.start")
            .WithSummary("Starts work on the order (who: the signed-in user unless given).");
        changes.MapPost("/orders/{id}/finish", FinishOrder).Audited("maintenance.order.finish")
            .WithSummary("Finishes the order in progress; its stop is removed and its plan counts again from now.");
        changes.MapPost("/orders/{id}/cancel", CancelOrder).Audited("maintenance.order.cancel")
            .WithSummary("Cancels an order not done yet (reason required); its stop is removed.");
        maintenance.MapGet("/plans", ListPlans)
            .WithSummary("Maintenance plans with what was used since their anchor and what is left until due; ?machineId=.");
        maintenance.MapGet("/plans/{id}", GetPlan)
            .WithSummary("One maintenance plan.");
        changes.MapPost("/plans", CreatePlan).Audited("maintenance.plan.create")
            .WithSummary("Creates a plan: every interval run hours, cycles or calendar days on a machine, or a tag past a limit for interval minutes.")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        changes.MapPost("/plans/evaluate", Evaluate).Audited("maintenance.plan.evaluate")
            .WithSummary("Evaluates every plan now (they are also evaluated every 30 s): the preventive orders created.");
        return api;
    }

    private static async Task<IResult> ListOrders(string? machineId, MaintenanceStatus? status, ProductionCatalog catalog, IGrainFactory grains)
    {
        if (machineId is not null && catalog.Machine(machineId) is null)
        {
            return CommandResults.NotFound($"machine '{machineId}'");
        }

        var orders = await AllOrders(catalog, grains);
        return TypedResults.Ok(orders
            .Where(o => (machineId is null || o.MachineId == machineId) && (status is null || o.Status == status))
            .OrderByDescending(o => o.RequestedAt)
            .ToList());
    }

    private static async Task<IResult> GetOrder(string id, ProductionCatalog catalog, IGrainFactory grains) =>
        (await AllOrders(catalog, grains)).FirstOrDefault(o => o.Id == id) is { } order
            ? TypedResults.Ok(order)
            : CommandResults.NotFound($"maintenance order '{id}'");

    private static async Task<IResult> CreateOrder(MaintenanceOrderRequest request, ProductionCatalog catalog, IGrainFactory grains, ClaimsPrincipal user)
    {
        if (string.IsNullOrWhiteSpace(request.MachineId))
        {
            return CommandResults.Invalid("machineId", "machineId is required");
        }

        if (catalog.Machine(request.MachineId) is not { } machine)
        {
            return CommandResults.NotFound($"machine '{request.MachineId}'");
        }

        if (request.AlarmId is { } alarmId && catalog.MachineOfAlarm(alarmId) != machine.MachineId)
        {
            return CommandResults.Invalid("alarmId", $"alarm '{alarmId}' is not an alarm of machine '{machine.MachineId}'");
        }

        var id = string.IsNullOrWhiteSpace(request.Id) ? $"MO-{Guid.NewGuid():N}"[..16] : request.Id;
        var orders = (await AllOrders(catalog, grains)).ToList();
        if (orders.Any(o => o.Id == id))
        {
            return CommandResults.Refused(RefusalKind.Conflict, $"maintenance order {id} already exists");
        }

        // What is not given is learned from the orders of the kind done on the machine (one click from a stop gives none of it).
        var kind = request.Kind ?? MaintenanceKind.Corrective;
        var estimate = RepairEstimate.For(machine.MachineId, kind, orders.Select(o => o.ToOrder()));
        var (skill, certification) = request.Skill is null && request.Certification is null
            ? (estimate.Skill, estimate.Certification)
            : (request.Skill, request.Certification);
        var spec = new MaintenanceOrderSpec(id, machine.MachineId, kind, request.Reason ?? "",
            [.. request.Tasks ?? []], skill, certification, request.EstimatedSeconds ?? estimate.Duration.TotalSeconds, request.SpareParts,
            request.DowntimeStart, request.AlarmId, request.DueBy);
        var grain = grains.GetGrain<IMaintenanceGrain>(machine.SiteId);
        var result = await grain.CreateOrder(spec, AuditFilter.Who(user));
        return result.Accepted ? TypedResults.Ok((await grain.GetOrders()).Single(o => o.Id == id)) : result.ToHttp();
    }

    private static async Task<IResult> PlanOrder(string id, MaintenanceWindowRequest request, ProductionCatalog catalog, IGrainFactory grains) =>
        request.Start is not { } start || request.End is not { } end
            ? CommandResults.Invalid("start", "start and end are required")
            : await Change(id, catalog, grains, g => g.PlanOrder(id, start, end));

    private static async Task<IResult> ListPlans(string? machineId, ProductionCatalog catalog, IGrainFactory grains)
    {
        if (machineId is not null && catalog.Machine(machineId) is null)
        {
            return CommandResults.NotFound($"machine '{machineId}'");
        }

        return TypedResults.Ok((await AllPlans(catalog, grains)).Where(p => machineId is null || p.MachineId == machineId).ToList());
    }

    private static async Task<IResult> GetPlan(string id, ProductionCatalog catalog, IGrainFactory grains) =>
        (await AllPlans(catalog, grains)).FirstOrDefault(p => p.Id == id) is { } plan
            ? TypedResults.Ok(plan)
            : CommandResults.NotFound($"maintenance plan '{id}'");

    private static async Task<IResult> CreatePlan(MaintenancePlanRequest request, ProductionCatalog catalog, IGrainFactory grains)
    {
        if (string.IsNullOrWhiteSpace(request.MachineId))
        {
            return CommandResults.Invalid("machineId", "machineId is required");
        }

        if (catalog.Machine(request.MachineId) is not { } machine)
        {
            return CommandResults.NotFound($"machine '{request.MachineId}'");
        }

        if (request.Trigger is not { } trigger || request.Interval is not { } interval)
        {
            return CommandResults.Invalid("trigger", "trigger (RunHours, Cycles, CalendarDays or Condition) and interval are required");
        }

        if (trigger == MaintenanceTrigger.Condition && (string.IsNullOrWhiteSpace(request.Tag) || request.Limit is null))
        {
            return CommandResults.Invalid("tag", "a condition plan needs a tag, a limit and an interval (the minutes the tag must stay past the limit)");
        }

        if (string.IsNullOrWhiteSpace(request.Id))
        {
            return CommandResults.Invalid("id", "a plan needs an id");
        }

        if ((await AllPlans(catalog, grains)).Any(p => p.Id == request.Id))
        {
            return CommandResults.Refused(RefusalKind.Conflict, $"maintenance plan {request.Id} already exists");
        }

        var spec = new MaintenancePlanSpec(request.Id, machine.MachineId, request.Title ?? "", trigger, interval, [.. request.Tasks ?? []],
            request.Skill, request.EstimatedSeconds ?? 3600, request.DueWithinSeconds ?? 86_400, request.AnchorAt, request.Tag, request.Comparison, request.Limit);
        var grain = grains.GetGrain<IMaintenanceGrain>(machine.SiteId);
        var result = await grain.CreatePlan(spec);
        return result.Accepted ? TypedResults.Ok((await grain.GetPlans()).Single(p => p.Id == request.Id)) : result.ToHttp();
    }

    private static async Task<IResult> Evaluate(ProductionCatalog catalog, IGrainFactory grains)
    {
        var created = await Task.WhenAll(catalog.Sites.Select(s => grains.GetGrain<IMaintenanceGrain>(s.SiteId).Evaluate()));
        return TypedResults.Ok(new { created = created.SelectMany(c => c).ToList() });
    }

    private static async Task<IResult> Change(string id, ProductionCatalog catalog, IGrainFactory grains, Func<IMaintenanceGrain, Task<CommandResult>> command)
    {
        foreach (var site in catalog.Sites)
        {
            var grain = grains.GetGrain<IMaintenanceGrain>(site.SiteId);
            if ((await grain.GetOrders()).Any(o => o.Id == id))
            {
                var result = await command(grain);
                return result.Accepted ? TypedResults.Ok((await grain.GetOrders()).Single(o => o.Id == id)) : result.ToHttp();
            }
        }

        return CommandResults.NotFound($"maintenance order '{id}'");
    }

    private static string Who(MaintenanceWorkRequest? request, ClaimsPrincipal user) =>
        string.IsNullOrWhiteSpace(request?.Who) ? AuditFilter.Who(user) : request.Who;

    private static async Task<IEnumerable<MaintenanceOrderView>> AllOrders(ProductionCatalog catalog, IGrainFactory grains) =>
        (await Task.WhenAll(catalog.Sites.Select(s => grains.GetGrain<IMaintenanceGrain>(s.SiteId).GetOrders()))).SelectMany(o => o);

    private static async Task<IEnumerable<MaintenancePlanView>> AllPlans(ProductionCatalog catalog, IGrainFactory grains) =>
        (await Task.WhenAll(catalog.Sites.Select(s => grains.GetGrain<IMaintenanceGrain>(s.SiteId).GetPlans()))).SelectMany(p => p);

    private static Task<IResult> StartOrder(string id, MaintenanceWorkRequest? request, ProductionCatalog catalog, IGrainFactory grains, ClaimsPrincipal user) =>
        Change(id, catalog, grains, g => g.StartOrder(id, Who(request, user)));

    private static Task<IResult> FinishOrder(string id, MaintenanceWorkRequest? request, ProductionCatalog catalog, IGrainFactory grains, ClaimsPrincipal user) =>
        Change(id, catalog, grains, g => g.FinishOrder(id, Who(request, user), request?.Note));

    private static Task<IResult> CancelOrder(string id, MaintenanceWorkRequest? request, ProductionCatalog catalog, IGrainFactory grains) =>
        Change(id, catalog, grains, g => g.CancelOrder(id, request?.Reason ?? ""));
}
