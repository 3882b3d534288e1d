namespace Factory.Host.Security;

/// <summary>Body of <c>POST /api/v1/auth/login</c>.</summary>
public sealed record LoginRequest(string? UserName, string? Password);
