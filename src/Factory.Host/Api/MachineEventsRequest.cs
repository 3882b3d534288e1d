using Factory.Contracts.Production;

namespace Factory.Host.Api;

/// <summary>Body of <c>POST /machines/{id}/events</c>: events with their own timestamps.</summary>
public sealed record MachineEventsRequest(ImmutableArray<MachineEventInput>? Events, string? Why);
