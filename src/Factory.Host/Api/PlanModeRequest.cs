namespace Factory.Host.Api;

/// <summary>Body of <c>PUT /sites/{id}/plan/mode</c>: "AutoApply" or "Proposal".</summary>
public sealed record PlanModeRequest(string? Mode);
