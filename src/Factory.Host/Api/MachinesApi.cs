using Factory.Host.Audit;
using Factory.Host.Security;
using Factory.Host.Plant;

namespace Factory.Host.Api;

/// <summary><c>/api/v1/machines</c>.</summary>
public static class MachinesApi
{
    public static RouteGroupBuilder MapMachinesApi(this RouteGroupBuilder api)
    {
        api.MapGet("/machines", async (string? siteId, string? lineId, PlantQueries q) => Results.Ok(await q.MachinesAsync(siteId, lineId)))
            .WithTags("Plant").WithSummary("Machines with PackML state, telemetry and data quality; filter with ?siteId= or ?lineId=.");
        api.MapGet("/machines/{id}", async (string id, PlantQueries q) => CommandResults.OkOrNotFound(await q.MachineAsync(id), $"machine '{id}'"))
            .WithTags("Plant").WithSummary("One machine.");
        api.MapPost("/machines/{id}/commands", SendCommand)
            .RequireAuthorization(FactoryRoles.ManagePolicy).Audited("packml.command")
            .WithTags("Plant").WithSummary("Sends a PackML command (Reset, Start, Stop, Hold, Unhold, Suspend, Unsuspend, Abort, Clear, Complete).")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        return api;
    }

    private static async Task<IResult> SendCommand(string id, MachineCommandRequest request, IGrainFactory grains)
    {
        // Names only: "3" or "stop " are refused, so a typo can never become a different command.
        if (string.IsNullOrWhiteSpace(request.Command) ||
            !Enum.TryParse<PackMlCommand>(request.Command, ignoreCase: true, out var command) ||
            !Enum.IsDefined(command) || request.Command.Any(char.IsDigit))
        {
            return CommandResults.Invalid("command", $"'{request.Command}' is not a PackML command; use one of {string.Join(", ", Enum.GetNames<PackMlCommand>())}");
        }

        var machine = grains.GetGrain<IMachineGrain>(id);
        var result = await machine.ExecuteCommand(command);
        return result.Accepted ? Results.Ok(await machine.GetView()) : result.ToHttp();
    }
}
