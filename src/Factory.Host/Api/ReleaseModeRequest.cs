namespace Factory.Host.Api;

/// <summary>Body of <c>PUT /sites/{id}/plan/release-mode</c>: "Automatic" or "Manual".</summary>
public sealed record ReleaseModeRequest(string? Mode);
