namespace Factory.Simulator;

/// <summary>How to build and run a <see cref="PlantSimulator"/>.</summary>
public sealed record SimulatorOptions
{
    /// <summary>A plant definition file (the host's JSON format); its machines are simulated.</summary>
    public string? PlantFile { get; init; }

    /// <summary>Machines to simulate instead of (or in addition to) the plant file's.</summary>
    public IReadOnlyList<SimulatedMachineSpec> Machines { get; init; } = [];

    public string Host { get; init; } = "127.0.0.1";

    /// <summary>0 picks a free port.</summary>
    public int Port { get; init; }

    /// <summary>Seeds failures, repairs and scrap: the same seed and clock give the same plant history.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>The plant's clock: cycle times, failures, repairs and SourceTimestamps follow it.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>
    /// The OPC UA server's clock (session and channel timeouts, ServerTimestamps); null uses <see cref="TimeProvider"/>. Give
    /// the real clock when the plant's runs fast (<see cref="ScaledTimeProvider"/>), so sessions do not time out fast too.
    /// </summary>
    public TimeProvider? ServerTimeProvider { get; init; }

    /// <summary>The OPC UA server's application certificate; with one the server offers the signed and encrypted policies as well as None.</summary>
    public System.Security.Cryptography.X509Certificates.X509Certificate2? Certificate { get; init; }

    /// <summary>The trust list client certificates are judged by; required with <see cref="Certificate"/>.</summary>
    public Factory.OpcUa.Security.CertificateStore? TrustList { get; init; }

    /// <summary>How often the plant model advances and publishes changes.</summary>
    public TimeSpan TickInterval { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Mean running time between failures (exponential); zero or less disables failures.</summary>
    public TimeSpan MeanTimeBetweenFailures { get; init; } = TimeSpan.FromMinutes(45);

    /// <summary>Mean repair time after a failure (exponential).</summary>
    public TimeSpan MeanTimeToRepair { get; init; } = TimeSpan.FromMinutes(4);

    /// <summary>Share of parts that are scrap, 0..1.</summary>
    public double ScrapRate { get; init; } = 0.03;

    /// <summary>True: after a repair the machine clears, resets and starts by itself; false: it waits in Aborted for commands.</summary>
    public bool AutoRecover { get; init; } = true;

    /// <summary>How long acting states (Starting, Stopping, Aborting...) last before their state-complete transition.</summary>
    public TimeSpan ActingStateDuration { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Load-test knob: extra Double tags per machine (Extra001...), changing at <see cref="ExtraUpdatesPerMachinePerSecond"/>.</summary>
    public int ExtraTagsPerMachine { get; init; }

    /// <summary>Load-test knob: extra tag updates per machine per second, spread round-robin over the extra tags.</summary>
    public double ExtraUpdatesPerMachinePerSecond { get; init; }

    /// <summary>User name → password accepted besides anonymous logins; only these users may write (send commands, load jobs).</summary>
    public IReadOnlyDictionary<string, string> Users { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// True lets anonymous sessions write command and job tags (for a lab without users); off, they only read, since
    /// an anonymous command would bypass the host's roles and audit trail.
    /// </summary>
    public bool AllowAnonymousWrites { get; init; }
}
