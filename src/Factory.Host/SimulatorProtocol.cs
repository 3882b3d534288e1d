namespace Factory.Host;

/// <summary>How the host reads the built-in simulator.</summary>
public enum SimulatorProtocol
{
    OpcUa,
    Sparkplug,
}
