using System.Security.Claims;
using Factory.Contracts.Scenarios;
using Factory.Host.Audit;
using Factory.Host.Plant;
using Factory.Host.Security;
using Factory.Domain.Limits;

namespace Factory.Host.Api;

/// <summary>
/// <c>/api/v1/sites/{id}/scenarios</c>: what-if scenarios planned on a copy of the live problem and compared with the live plan
/// (nothing live changes), then turned into a proposal or applied.
/// </summary>
public static class ScenariosApi
{
    /// <summary>At most this many changes per scenario.</summary>
    public const int MaxChanges = 20;

    /// <summary>At most this many operations in a rush order.</summary>
    public const int MaxRushOperations = 50;

    private static readonly TimeSpan Reach = TimeSpan.FromDays(62);

    public static RouteGroupBuilder MapScenariosApi(this RouteGroupBuilder api)
    {
        var (reads, changes) = api.Area("Scenarios", FactoryRoles.ManagePolicy);
        changes.MapPost("/sites/{id}/scenarios", Run).Audited("scenario.run")
            .WithSummary("Plans a what-if scenario on a copy of the live plan and compares the two; changes nothing live.")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        reads.MapGet("/sites/{id}/scenarios", List)
            .WithSummary("The scenarios the site keeps (the latest few), newest first.");
        reads.MapGet("/sites/{id}/scenarios/{n:long}", Get)
            .WithSummary("One kept scenario with its plan and comparison.");
        changes.MapPost("/sites/{id}/scenarios/{n:long}/propose", Propose).Audited("scenario.propose")
            .WithSummary("Offers the scenario's plan as the pending re-plan proposal (409 when the live plan moved on).")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        changes.MapPost("/sites/{id}/scenarios/{n:long}/apply", Apply).Audited("scenario.apply")
            .WithSummary("Puts the scenario's plan in force (409 when the live plan moved on).")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        return api;
    }

    private static async Task<IResult> Run(string id, ScenarioRequest request, IGrainFactory grains, PlantQueries queries, PlantClock clock, ClaimsPrincipal user)
    {
        if (await queries.SiteAsync(id) is null)
        {
            return CommandResults.NotFound($"site '{id}'");
        }

        var errors = new Dictionary<string, string[]>();
        var spec = Validate(id, request, clock.GetUtcNow(), errors);
        if (spec is null)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var answer = await grains.GetGrain<IDispatcherGrain>(id).RunScenario(spec, user.Identity?.Name ?? "?");
        return answer.Scenario is { } view
            ? TypedResults.Created($"/api/v1/sites/{Uri.EscapeDataString(id)}/scenarios/{view.Id}", view)
            : answer.Result.ToHttp();
    }

    private static async Task<IResult> List(string id, IGrainFactory grains, PlantQueries queries) =>
        await queries.SiteAsync(id) is null
            ? CommandResults.NotFound($"site '{id}'")
            : TypedResults.Ok(await grains.GetGrain<IDispatcherGrain>(id).GetScenarios());

    private static async Task<IResult> Get(string id, long n, IGrainFactory grains, PlantQueries queries) =>
        await queries.SiteAsync(id) is null
            ? CommandResults.NotFound($"site '{id}'")
            : CommandResults.OkOrNotFound(await grains.GetGrain<IDispatcherGrain>(id).GetScenario(n), $"scenario {n} (only the latest {Factory.Grains.DispatcherGrain.ScenariosKept} are kept)");

    private static Task<IResult> Propose(string id, long n, IGrainFactory grains, PlantQueries queries, ClaimsPrincipal user) =>
        Decide(id, queries, grains, d => d.ProposeScenario(n, user.Identity?.Name ?? "?"));

    private static Task<IResult> Apply(string id, long n, IGrainFactory grains, PlantQueries queries, ClaimsPrincipal user) =>
        Decide(id, queries, grains, d => d.ApplyScenario(n, user.Identity?.Name ?? "?"));

    private static async Task<IResult> Decide(string id, PlantQueries queries, IGrainFactory grains, Func<IDispatcherGrain, Task<CommandResult>> decide)
    {
        if (await queries.SiteAsync(id) is null)
        {
            return CommandResults.NotFound($"site '{id}'");
        }

        var dispatcher = grains.GetGrain<IDispatcherGrain>(id);
        var result = await decide(dispatcher);
        return result.Accepted ? TypedResults.Ok(await dispatcher.GetPlan()) : result.ToHttp();
    }

    /// <summary>The request as a spec, or null with every problem in <paramref name="errors"/>.</summary>
    private static ScenarioSpec? Validate(string siteId, ScenarioRequest request, DateTimeOffset now, Dictionary<string, string[]> errors)
    {
        var name = string.IsNullOrWhiteSpace(request.Name) ? "scenario" : request.Name.Trim();
        if (name.Length > 100)
        {
            errors["name"] = ["name must be at most 100 characters"];
        }

        if (request.Changes is not { Count: > 0 and <= MaxChanges } changes)
        {
            errors["changes"] = [$"give 1 to {MaxChanges} changes"];
            return null;
        }

        var specs = ImmutableArray.CreateBuilder<ScenarioChangeSpec>(changes.Count);
        for (var i = 0; i < changes.Count; i++)
        {
            var key = $"changes[{i}]";
            var c = changes[i];
            if (c is null || !Enum.TryParse<ScenarioChangeKind>(c.Kind, ignoreCase: true, out var kind) || !Enum.IsDefined(kind) || c.Kind!.Any(char.IsDigit))
            {
                errors[key] = [$"kind must be one of {string.Join(", ", Enum.GetNames<ScenarioChangeKind>().Select(n => char.ToLowerInvariant(n[0]) + n[1..]))}"];
                continue;
            }

            var problems = new List<string>();
            var spec = kind switch
            {
                ScenarioChangeKind.MachineDown => Windowed(c, now, problems) && Id(c.MachineId, "machineId", problems)
                    ? new ScenarioChangeSpec(kind, MachineId: c.MachineId, From: c.From, To: c.To) : null,
                ScenarioChangeKind.WorkerAbsent => Windowed(c, now, problems) && Id(c.WorkerId, "workerId", problems)
                    ? new ScenarioChangeSpec(kind, WorkerId: c.WorkerId, From: c.From, To: c.To) : null,
                ScenarioChangeKind.Overtime => Windowed(c, now, problems) && Workers(c.WorkerIds, problems)
                    ? new ScenarioChangeSpec(kind, From: c.From, To: c.To, WorkerIds: [.. c.WorkerIds ?? []]) : null,
                ScenarioChangeKind.DueDate => Id(c.WorkOrderId, "workOrderId", problems) && Instant(c.DueDate, "dueDate", now, problems)
                    ? new ScenarioChangeSpec(kind, WorkOrderId: c.WorkOrderId, DueDate: c.DueDate) : null,
                ScenarioChangeKind.Priority => Id(c.WorkOrderId, "workOrderId", problems) && Priority(c.Priority, problems)
                    ? new ScenarioChangeSpec(kind, WorkOrderId: c.WorkOrderId, Priority: c.Priority) : null,
                ScenarioChangeKind.RushOrder => Rush(siteId, c.Order, i, now, problems) is { } order
                    ? new ScenarioChangeSpec(kind, RushOrder: order) : null,
                _ => null,
            };
            if (spec is null)
            {
                errors[key] = problems.Count > 0 ? [.. problems] : ["invalid change"];
            }
            else
            {
                // A default array cannot be written as JSON: every change carries a (possibly empty) worker list.
                specs.Add(spec.WorkerIds.IsDefault ? spec with { WorkerIds = [] } : spec);
            }
        }

        return errors.Count > 0 ? null : new ScenarioSpec(name, specs.ToImmutable());
    }

    private static bool Windowed(ScenarioChangeRequest c, DateTimeOffset now, List<string> problems)
    {
        if (c.From is not { } from || c.To is not { } to)
        {
            problems.Add("from and to are required");
            return false;
        }

        if (QueryWindow.Problem(from, to, QueryWindow.Detail) is { } problem)
        {
            problems.Add(problem);
        }

        if (from < now - Reach || to > now + Reach)
        {
            problems.Add($"the window must lie within {Reach.TotalDays:0} days of now");
        }

        return problems.Count == 0;
    }

    private static bool Instant(DateTimeOffset? at, string field, DateTimeOffset now, List<string> problems)
    {
        if (at is not { } value || value < now - TimeSpan.FromDays(366) || value > now + TimeSpan.FromDays(366))
        {
            problems.Add($"{field} is required, within a year of now");
        }

        return problems.Count == 0;
    }

    private static bool Id(string? id, string field, List<string> problems)
    {
        if (string.IsNullOrWhiteSpace(id) || id.Length > 64)
        {
            problems.Add($"{field} is required (at most 64 characters)");
        }

        return problems.Count == 0;
    }

    private static bool Priority(int? priority, List<string> problems)
    {
        if (priority is not (>= 1 and <= 100))
        {
            problems.Add("priority is required, 1 to 100");
        }

        return problems.Count == 0;
    }

    private static bool Workers(IReadOnlyList<string>? workers, List<string> problems)
    {
        if (workers is { Count: > 200 } || workers?.Any(w => string.IsNullOrWhiteSpace(w) || w.Length > 64) == true)
        {
            problems.Add("workerIds: at most 200 ids of at most 64 characters");
        }

        return problems.Count == 0;
    }

    private static WorkOrderSpec? Rush(string siteId, CreateWorkOrderRequest? order, int index, DateTimeOffset now, List<string> problems)
    {
        if (order is null)
        {
            problems.Add("order is required");
            return null;
        }

        var id = string.IsNullOrWhiteSpace(order.Id) ? $"RUSH-{index + 1}" : order.Id;
        if (id.Length > 64 || id.Any(c => char.IsWhiteSpace(c) || c == '/' || c == '#'))
        {
            problems.Add("order.id must be at most 64 characters without spaces, slashes or '#'");
        }

        Instant(order.DueDate, "order.dueDate", now, problems);
        if (order.Operations is not { Count: > 0 and <= MaxRushOperations } operations)
        {
            problems.Add($"order.operations: 1 to {MaxRushOperations}");
            return null;
        }

        if (operations.Any(o => o is null || string.IsNullOrWhiteSpace(o.Capability) || o.Capability.Length > 64 ||
                                !(o.StandardDurationSeconds is > 0 and <= 7 * 86_400) || o.MinSkillLevel is < 0 or > 5 ||
                                o.Skill?.Length > 64 || o.AllowedMachines?.Count > 200))
        {
            problems.Add("every operation needs a capability (at most 64 characters), a standard duration of up to 7 days and a skill level 0-5");
        }

        if (operations.Select(o => o?.Sequence).Distinct().Count() != operations.Count)
        {
            problems.Add("operation sequences must be unique");
        }

        if (problems.Count > 0)
        {
            return null;
        }

        return new WorkOrderSpec(id, siteId, order.Product ?? "rush order", Math.Max(1, order.Quantity), order.DueDate!.Value, Math.Clamp(order.Priority, 1, 100),
            [.. operations.OrderBy(o => o.Sequence).Select(o => new OperationSpec(o.Sequence, o.Name ?? $"op {o.Sequence}", o.Capability!, o.Skill,
                o.MinSkillLevel, o.StandardDurationSeconds, [.. o.AllowedMachines ?? []]))]);
    }
}
