namespace Factory.Host.Api;

/// <summary>Body of <c>PUT /workorders/{id}/operations/{seq}/assignment</c>.</summary>
/// <param name="Pinned">Pin it so re-planning keeps it.</param>
/// <param name="NotBefore">The earliest start the plan may give it (a Gantt drop's time); null or absent for as soon as possible.
/// Up to 10 minutes in the past also means as soon as possible; further back, or more than 90 days ahead, is refused (400).</param>
public sealed record AssignmentRequest(string? MachineId, string? WorkerId, bool Pinned = false, DateTimeOffset? NotBefore = null);
