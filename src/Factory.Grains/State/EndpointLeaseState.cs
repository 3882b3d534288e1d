namespace Factory.Grains.State;

/// <summary>What an endpoint lease grain persists: who holds it and until when.</summary>
public sealed class EndpointLeaseState
{
    public string? Holder { get; set; }

    public DateTimeOffset Expires { get; set; }
}
