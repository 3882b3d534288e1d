namespace Factory.Host.Api;

/// <summary>Body of <c>POST /machines/{id}/andon</c>: the kind (material, quality, maintenance, help) and an optional note.</summary>
public sealed record AndonRequest(string? Kind, string? Note);
