using Factory.Mqtt;

namespace Factory.Host.Plant;

/// <summary>The built-in simulator publishes Sparkplug B: on this broker, in this group (edge node = line, device = machine).</summary>
public sealed record SimulatorSparkplug(BrokerSettings Broker, string Group);
