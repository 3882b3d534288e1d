namespace Factory.Host.Api;

/// <summary>Body of <c>PATCH /workorders/{id}</c>: a new priority and/or due date.</summary>
public sealed record ReprioritizeRequest(int? Priority, DateTimeOffset? DueDate);
