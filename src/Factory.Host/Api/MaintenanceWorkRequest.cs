namespace Factory.Host.Api;

/// <summary>Body of start, finish and cancel: who does it (default: the signed-in user), a note, or why it is cancelled.</summary>
public sealed record MaintenanceWorkRequest(string? Who, string? Note, string? Reason);
