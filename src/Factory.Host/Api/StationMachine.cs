using System.Diagnostics.CodeAnalysis;
using System.Security.Claims;
using Factory.Contracts.Production;
using Factory.Host.Audit;
using Factory.Host.Production;
using Factory.Host.Security;

namespace Factory.Host.Api;

/// <summary>
/// The machine a request from the station (andon, scrap) acts on: it must be in the catalog (404 first, so an operator
/// learns nothing of a machine by its refusal), and the signed-in user must be allowed to act on it (403).
/// </summary>
internal static class StationMachine
{
    /// <summary>Finds <paramref name="id"/> for <paramref name="user"/>; false with the refusal to answer when it is unknown or not theirs.</summary>
    public static bool TryFind(ProductionCatalog catalog, ClaimsPrincipal user, string id,
        [NotNullWhen(true)] out MachineLogSettings? machine, [NotNullWhen(false)] out IResult? refusal)
    {
        machine = catalog.Machine(id);
        if (machine is null)
        {
            refusal = CommandResults.NotFound($"machine '{id}'");
            return false;
        }

        if (!MachineAccess.MayActOn(user, id))
        {
            machine = null;
            refusal = MachineAccess.Forbidden(id);
            return false;
        }

        refusal = null;
        return true;
    }

    /// <summary>
    /// The conventions of a station command: operators (on their machines) and managers may call it, every call is
    /// audited under <paramref name="auditAction"/>, and an operator on a machine not theirs gets 403.
    /// </summary>
    public static RouteHandlerBuilder StationCommand(this RouteHandlerBuilder endpoint, string auditAction) =>
        endpoint.RequireAuthorization(FactoryRoles.OperatePolicy).Audited(auditAction).ProducesProblem(StatusCodes.Status403Forbidden);
}
