using Factory.Mqtt;

namespace Factory.Simulator;

/// <summary>Where and how the simulated plant is published over Sparkplug B.</summary>
public sealed record SparkplugPublisherOptions
{
    /// <summary>The broker; its client id is suffixed with each edge node's id.</summary>
    public required BrokerSettings Broker { get; init; }

    /// <summary>The Sparkplug group (<c>spBv1.0/{Group}/…</c>). Each line is an edge node, each machine a device.</summary>
    public string Group { get; init; } = "FactorySim";

    /// <summary>How often changed values are published (report by exception; state changes keep their own times).</summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromMilliseconds(100);

    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
