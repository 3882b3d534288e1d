namespace Factory.Host;

/// <summary>The built-in simulated plant (section <c>Factory:Simulator</c>).</summary>
public sealed class SimulatorOptionsSection
{
    /// <summary>Start the simulator when the plant definition names a <c>{simulator}</c> endpoint.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>opc.tcp port on 127.0.0.1; 0 picks a free one.</summary>
    public int Port { get; set; }

    public int Seed { get; set; } = 1;

    public TimeSpan MeanTimeBetweenFailures { get; set; } = TimeSpan.FromMinutes(10);

    public TimeSpan MeanTimeToRepair { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// How fast the plant's clock runs (60: one plant hour per real minute) — for demos and tests. The whole host then lives
    /// in plant time: the simulator's cycles and failures, shifts, due dates, plans and KPI windows.
    /// </summary>
    public double Speed { get; set; } = 1;

    /// <summary>
    /// How the default run reads the simulator: <c>OpcUa</c> (its OPC UA server) or <c>Sparkplug</c> (it also publishes
    /// Sparkplug B to <c>Factory:Mqtt:Broker</c>, and the <c>{simulator}</c> endpoints are read from there).
    /// </summary>
    public SimulatorProtocol Protocol { get; set; } = SimulatorProtocol.OpcUa;

    /// <summary>The Sparkplug group the simulator publishes in (each line an edge node, each machine a device).</summary>
    public string SparkplugGroup { get; set; } = "FactorySim";

    /// <summary>
    /// The OPC UA user the host's connectors log in to the simulator as: only logged-in users may write commands and
    /// jobs. The user of an endpoint in the plant file, when it names one, is used instead.
    /// </summary>
    public string ConnectorUser { get; set; } = "factory-connectors";

    /// <summary>
    /// The password of <see cref="ConnectorUser"/>. Unset, the host makes a random one per run for its own simulator
    /// (its connectors and simulator start together); in a cluster every host must be given the same one, or the hosts
    /// that read another host's simulator cannot write to it.
    /// </summary>
    public string? ConnectorPassword { get; set; }

    /// <summary>Let anonymous OPC UA clients of the simulator write too (commands, jobs); off by default.</summary>
    public bool AllowAnonymousWrites { get; set; }
}
