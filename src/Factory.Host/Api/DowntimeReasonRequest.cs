namespace Factory.Host.Api;

/// <summary>Body of <c>POST /machines/{id}/downtime/{intervalStart}/reason</c>.</summary>
public sealed record DowntimeReasonRequest(string? Code, string? Comment);
