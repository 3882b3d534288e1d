using Factory.Domain.Oee;

namespace Factory.Host.Api;

/// <summary>Body of <c>POST /machines|lines/{id}/planned-stops</c>.</summary>
public sealed record PlannedStopRequest(DateTimeOffset? Start, DateTimeOffset? End, PlannedStopKind? Kind, string? Note);
