using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Factory.Host.Security;

/// <summary>
/// The one rule for who may act on a machine, used by the API and the hub alike: an operator only on the machines
/// they are bound to (<see cref="FactoryUser.Machines"/>, and the machines of <see cref="FactoryUser.Lines"/>); the other roles as
/// their policies allow.
/// </summary>
public static class MachineAccess
{
    /// <summary>The claim naming one machine an operator is bound to (one claim per machine).</summary>
    public const string MachineClaim = "factory_machine";

    /// <summary>Whether <paramref name="user"/> may act on <paramref name="machineId"/>.</summary>
    public static bool MayActOn(ClaimsPrincipal? user, string machineId) =>
        user is not null && (!user.IsInRole(FactoryRoles.Operator) ||
            user.FindAll(MachineClaim).Any(c => string.Equals(c.Value, machineId, StringComparison.OrdinalIgnoreCase)));

    /// <summary>Why an operator is refused: the same words over REST and the hub.</summary>
    public static string Refusal(string machineId) => $"machine {machineId} is not one of your machines";

    /// <summary>403 problem details for an operator acting on a machine not theirs.</summary>
    public static ProblemHttpResult Forbidden(string machineId) =>
        TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Not your machine", detail: Refusal(machineId));
}
