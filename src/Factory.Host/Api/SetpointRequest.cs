namespace Factory.Host.Api;

/// <summary>Body of <c>PUT /machines/{id}/setpoint</c>: the speed setpoint in items per minute.</summary>
public sealed record SetpointRequest(double? Speed);
