namespace Factory.Host.Api;

/// <summary>Body of <c>POST /machines/{id}/commands</c>: a PackML command by name, e.g. "Start".</summary>
public sealed record MachineCommandRequest(string? Command);
