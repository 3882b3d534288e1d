namespace Factory.Host.Api;

/// <summary>Body of <c>POST /machines/{id}/scrap</c>: parts scrapped at the machine and why.</summary>
public sealed record ScrapRequest(long? Quantity, string? Reason);
