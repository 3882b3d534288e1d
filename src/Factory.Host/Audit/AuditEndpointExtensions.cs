namespace Factory.Host.Audit;

/// <summary>Marks a command endpoint as audited.</summary>
public static class AuditEndpointExtensions
{
    /// <summary>Records every call of the endpoint in the audit trail under <paramref name="action"/>.</summary>
    public static RouteHandlerBuilder Audited(this RouteHandlerBuilder endpoint, string action) =>
        endpoint.AddEndpointFilter(new AuditFilter(action));
}
