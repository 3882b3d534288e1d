namespace Factory.Host.Security;

/// <summary>Body of <c>PUT /api/v1/auth/me/preferences</c>: the dashboard language the user chose ("de" or "en").</summary>
public sealed record PreferencesRequest(string? Language);
