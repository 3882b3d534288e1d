namespace Factory.Host.Api;

/// <summary>Body of <c>POST /maintenance/orders/{id}/plan</c>: when the machine is taken down, [start, end).</summary>
public sealed record MaintenanceWindowRequest(DateTimeOffset? Start, DateTimeOffset? End);
