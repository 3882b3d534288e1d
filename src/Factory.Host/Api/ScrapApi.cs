using System.Security.Claims;
using Factory.Contracts.Production;
using Factory.Domain.Oee;
using Factory.Host.Production;

namespace Factory.Host.Api;

/// <summary>Scrap entered at the station (<see cref="ScrapEntry"/>): a count on the machine's log against its running work order.</summary>
public static class ScrapApi
{
    public static RouteGroupBuilder MapScrapApi(this RouteGroupBuilder api)
    {
        api.MapPost("/machines/{id}/scrap", Enter).StationCommand("scrap.entry")
            .WithTags("Production").WithSummary("Records parts scrapped at the machine (quantity 1 to 10,000, a reason ≤ 200 chars) that its PLC did not count; operators on their machines, managers.");
        return api;
    }

    /// <summary>Records the entry as a scrap count at the current time, against the work order the machine runs.</summary>
    public static async Task<IResult> Enter(string id, ScrapRequest? request, ProductionCatalog catalog, IGrainFactory grains, PlantClock clock, ClaimsPrincipal user)
    {
        if (!StationMachine.TryFind(catalog, user, id, out var machine, out var refused))
        {
            return refused;
        }

        if (request?.Quantity is not { } quantity)
        {
            return CommandResults.Invalid("quantity", "a quantity is required");
        }

        if (ScrapEntry.Check(quantity, request.Reason) is { } refusal)
        {
            return CommandResults.Invalid(request.Reason is { Length: > 0 } && quantity is >= 1 and <= ScrapEntry.MaxQuantity ? "reason" : "quantity", refusal.Reason);
        }

        var view = await grains.GetGrain<IMachineGrain>(id).GetView();
        var workOrderId = view?.Job?.WorkOrderId ?? view?.CurrentWorkOrderId;
        var count = ScrapEntry.Count(id, quantity, clock.GetUtcNow(), TimeSpan.FromSeconds(machine.IdealCycleTimeSeconds), workOrderId);
        var input = new MachineEventInput(count.At, null, null, null, null, count.WorkOrderId, count.Good, count.Scrap, count.Rework, machine.IdealCycleTimeSeconds, null);
        var result = await grains.GetGrain<IMachineLogGrain>(id).Post([input]);
        return result.Accepted
            ? TypedResults.Ok(new { machineId = id, quantity, reason = request.Reason, workOrderId, at = count.At })
            : result.ToHttp();
    }
}
