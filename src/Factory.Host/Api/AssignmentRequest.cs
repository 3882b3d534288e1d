namespace Factory.Host.Api;

/// <summary>Body of <c>PUT /workorders/{id}/operations/{seq}/assignment</c>.</summary>
/// <param name="Pinned">Pin it so re-planning keeps it.</param>
public sealed record AssignmentRequest(string? MachineId, string? WorkerId, bool Pinned = false);
