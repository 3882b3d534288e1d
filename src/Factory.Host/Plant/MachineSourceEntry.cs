namespace Factory.Host.Plant;

/// <summary>Which endpoint feeds a machine, and through which tags.</summary>
public sealed class MachineSourceEntry
{
    public string Endpoint { get; set; } = "";

    public TagMapEntry Tags { get; set; } = new();
}
