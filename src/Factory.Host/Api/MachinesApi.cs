using Factory.Host.Audit;
using Factory.Host.Security;
using Factory.Host.Plant;
using Factory.Domain.Limits;

namespace Factory.Host.Api;

/// <summary><c>/api/v1/machines</c>.</summary>
public static class MachinesApi
{
    public static RouteGroupBuilder MapMachinesApi(this RouteGroupBuilder api)
    {
        api.MapGet("/machines", ListMachines)
            .WithTags("Plant").WithSummary("Machines with PackML state, telemetry and data quality; filter with ?siteId= or ?lineId=.");
        api.MapGet("/machines/{id}", GetMachine)
            .WithTags("Plant").WithSummary("One machine.");
        api.MapGet("/machines/{id}/states", States)
            .WithTags("Plant").WithSummary("The machine's recorded PackML states, modes and data quality in ?from=&to= (default: the current shift so far).")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/machines/{id}/commands", SendCommand)
            .RequireAuthorization(FactoryRoles.OperatePolicy).Audited("packml.command")
            .WithTags("Plant").WithSummary("Sends a PackML command (Reset, Start, Stop, Hold, Unhold, Suspend, Unsuspend, Abort, Clear, Complete); operators on their own machines only.")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status502BadGateway);
        api.MapPut("/machines/{id}/setpoint", WriteSetpoint)
            .RequireAuthorization(FactoryRoles.ManagePolicy).Audited("machine.setpoint")
            .WithTags("Plant").WithSummary("Writes a speed setpoint (items/min) to the machine's PLC.")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status502BadGateway);
        return api;
    }

    private static async Task<IResult> ListMachines(string? siteId, string? lineId, PlantQueries q) => TypedResults.Ok(await q.MachinesAsync(siteId, lineId));

    private static async Task<IResult> GetMachine(string id, PlantQueries q) => CommandResults.OkOrNotFound(await q.MachineAsync(id), $"machine '{id}'");

    private static async Task<IResult> States(string id, DateTimeOffset? from, DateTimeOffset? to, Production.ProductionCatalog catalog,
        Production.KpiQueries kpis, Production.MachineHistory history)
    {
        if (catalog.Machine(id) is null)
        {
            return CommandResults.NotFound($"machine '{id}'");
        }

        var window = kpis.DefaultWindow("machine", id);
        var (start, end) = (from ?? window.Start, to ?? window.End);
        if (QueryWindow.Problem(start, end, QueryWindow.Detail) is { } problem)
        {
            return CommandResults.Invalid("to", problem);
        }

        return TypedResults.Ok(await history.StatesAsync(id, start, end));
    }

    private static async Task<IResult> WriteSetpoint(string id, SetpointRequest request, IGrainFactory grains,
        PlcWrites plc, CancellationToken cancellationToken)
    {
        if (request.Speed is not { } speed || !double.IsFinite(speed) || speed < 0)
        {
            return CommandResults.Invalid("speed", "speed must be a finite number of items per minute, 0 or more");
        }

        var machine = await grains.GetGrain<IMachineGrain>(id).GetView();
        if (machine is null)
        {
            return CommandResults.NotFound($"machine '{id}'");
        }

        if (!plc.Feeds(id))
        {
            return CommandResults.Refused(RefusalKind.Conflict, $"machine {id} has no PLC to take a setpoint");
        }

        var status = await plc.WriteSpeedSetpointAsync(id, speed, cancellationToken);
        return status.IsGood
            ? TypedResults.Accepted($"/api/v1/machines/{Uri.EscapeDataString(id)}", machine)
            : TypedResults.Problem(statusCode: StatusCodes.Status502BadGateway, title: "The PLC did not take the setpoint",
                detail: $"writing speed setpoint {speed} to machine {id} failed: {status.Name}");
    }

    private static async Task<IResult> SendCommand(string id, MachineCommandRequest request, IGrainFactory grains,
        PlcWrites plc, System.Security.Claims.ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (!MachineAccess.MayActOn(user, id))
        {
            return MachineAccess.Forbidden(id);
        }

        // Names only: "3" or "stop " are refused, so a typo can never become a different command.
        if (string.IsNullOrWhiteSpace(request.Command) ||
            !Enum.TryParse<PackMlCommand>(request.Command, ignoreCase: true, out var command) ||
            !Enum.IsDefined(command) || request.Command.Any(char.IsDigit))
        {
            return CommandResults.Invalid("command", $"'{request.Command}' is not a PackML command; use one of {string.Join(", ", Enum.GetNames<PackMlCommand>())}");
        }

        var machine = grains.GetGrain<IMachineGrain>(id);
        if (plc.Feeds(id))
        {
            // A PLC owns this machine: check the command against the state it reports, then write it to the PLC.
            var check = await machine.ValidateCommand(command);
            if (!check.Accepted)
            {
                return check.ToHttp();
            }

            var status = await plc.WriteCommandAsync(id, command, cancellationToken);
            return status.IsGood
                ? TypedResults.Accepted($"/api/v1/machines/{Uri.EscapeDataString(id)}", await machine.GetView())
                : TypedResults.Problem(statusCode: StatusCodes.Status502BadGateway, title: "The PLC did not take the command",
                    detail: $"writing {command} to machine {id} failed: {status.Name}");
        }

        var result = await machine.ExecuteCommand(command);
        return result.Accepted ? TypedResults.Ok(await machine.GetView()) : result.ToHttp();
    }
}
