namespace Factory.Host.Api;

/// <summary>Body of completing an operation or cancelling a work order: why (required to cancel, and to complete short of the quantity).</summary>
public sealed record OperationNoteRequest(string? Reason);
