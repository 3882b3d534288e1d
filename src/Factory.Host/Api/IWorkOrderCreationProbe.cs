namespace Factory.Host.Api;

/// <summary>
/// Called by <c>POST /workorders</c> between creating the order and registering it with its site. The host registers
/// none; crash tests register one that fails there, to prove a retry finishes the registration (#11, finding 3).
/// </summary>
public interface IWorkOrderCreationProbe
{
    /// <summary>The order <paramref name="workOrderId"/> exists and is not yet listed by its site.</summary>
    Task CreatedAsync(string workOrderId);
}
