namespace Factory.Host.Api;

/// <summary>Body of <c>POST /workorders</c>. <see cref="Id"/> is generated when omitted.</summary>
public sealed record CreateWorkOrderRequest(
    string? Id,
    string? SiteId,
    string? Product,
    int Quantity,
    DateTimeOffset? DueDate,
    int Priority,
    IReadOnlyList<CreateOperationRequest>? Operations);
