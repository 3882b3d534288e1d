namespace Factory.Host.Plant;

/// <summary>Which endpoint feeds a machine, and through which tags.</summary>
public sealed class MachineSourceEntry
{
    public string Endpoint { get; set; } = "";

    /// <summary>The machine's tags; when absent, the endpoint's <c>tagTemplate</c> with <c>{machine}</c> replaced.</summary>
    public TagMapEntry? Tags { get; set; }
}
