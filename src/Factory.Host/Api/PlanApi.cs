using Factory.Host.Audit;
using System.Security.Claims;
using Factory.Host.Security;

namespace Factory.Host.Api;

/// <summary><c>/api/v1/sites/{id}/plan</c>: the dispatcher's plan, its mode and re-plan proposals.</summary>
public static class PlanApi
{
    public static RouteGroupBuilder MapPlanApi(this RouteGroupBuilder api)
    {
        var (reads, changes) = api.Area("Plan", FactoryRoles.ManagePolicy);
        reads.MapGet("/sites/{id}/plan", GetPlan)
            .WithSummary("The plan in force: version, mode, every operation's machine, worker and times, and the pending proposal.");
        changes.MapPost("/sites/{id}/plan/replan", Replan).Audited("plan.replan")
            .WithSummary("Re-plans now.");
        changes.MapPut("/sites/{id}/plan/mode", SetMode).Audited("plan.mode")
            .WithSummary("Chooses auto-apply or proposal mode for the site.");
        changes.MapPost("/sites/{id}/plan/proposals/{proposalId:long}/accept", AcceptProposal).Audited("proposal.accept")
            .WithSummary("Accepts the pending proposal (409 when the plan moved on since it was made).");
        changes.MapPost("/sites/{id}/plan/proposals/{proposalId:long}/reject", RejectProposal).Audited("proposal.reject")
            .WithSummary("Rejects the pending proposal.");
        return api;
    }

    private static async Task<IResult> GetPlan(string id, IGrainFactory grains, Plant.PlantQueries q) =>
        await q.SiteAsync(id) is null ? CommandResults.NotFound($"site '{id}'") : TypedResults.Ok(await grains.GetGrain<IDispatcherGrain>(id).GetPlan());

    private static async Task<IResult> Replan(string id, IGrainFactory grains, Plant.PlantQueries q, ClaimsPrincipal user)
    {
        if (await q.SiteAsync(id) is null)
        {
            return CommandResults.NotFound($"site '{id}'");
        }

        var dispatcher = grains.GetGrain<IDispatcherGrain>(id);
        await dispatcher.Replan($"requested by {user.Identity?.Name}");
        return TypedResults.Ok(await dispatcher.GetPlan());
    }

    private static async Task<IResult> SetMode(string id, PlanModeRequest request, IGrainFactory grains, Plant.PlantQueries q)
    {
        if (!Enum.TryParse<PlanMode>(request.Mode, ignoreCase: true, out var mode) || !Enum.IsDefined(mode) || request.Mode!.Any(char.IsDigit))
        {
            return CommandResults.Invalid("mode", $"'{request.Mode}' is not a plan mode; use AutoApply or Proposal");
        }

        if (await q.SiteAsync(id) is null)
        {
            return CommandResults.NotFound($"site '{id}'");
        }

        var dispatcher = grains.GetGrain<IDispatcherGrain>(id);
        var result = await dispatcher.SetMode(mode);
        return result.Accepted ? TypedResults.Ok(await dispatcher.GetPlan()) : result.ToHttp();
    }

    private static Task<IResult> AcceptProposal(string id, long proposalId, IGrainFactory g, ClaimsPrincipal user) =>
        Decide(g.GetGrain<IDispatcherGrain>(id), d => d.AcceptProposal(proposalId, user.Identity?.Name ?? "?"));

    private static Task<IResult> RejectProposal(string id, long proposalId, IGrainFactory g, ClaimsPrincipal user) =>
        Decide(g.GetGrain<IDispatcherGrain>(id), d => d.RejectProposal(proposalId, user.Identity?.Name ?? "?"));

    private static async Task<IResult> Decide(IDispatcherGrain dispatcher, Func<IDispatcherGrain, Task<CommandResult>> decide)
    {
        var result = await decide(dispatcher);
        return result.Accepted ? TypedResults.Ok(await dispatcher.GetPlan()) : result.ToHttp();
    }
}
