namespace Factory.Host.Api;

/// <summary>Body of <c>POST /sites/{id}/scenarios</c>: a name and 1–20 changes, applied in order to a copy of the live plan's problem.</summary>
public sealed record ScenarioRequest(string? Name, IReadOnlyList<ScenarioChangeRequest>? Changes);
