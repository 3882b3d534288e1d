using Factory.Simulator;
using Microsoft.Extensions.Options;

namespace Factory.Host.Plant;

/// <summary>
/// Runs the built-in simulated plant when the plant definition names a <c>{simulator}</c> endpoint, so the default
/// run takes the same path as a real plant: PLC (over real OPC UA on loopback) → connectors → grains.
/// </summary>
public sealed class SimulatorService(
    IOptions<FactoryOptions> factory,
    IOptions<SimulatorOptionsSection> options,
    IOptions<Cluster.ClusterSettings> cluster,
    IOptions<Mqtt.MqttSettings> mqtt,
    PlantClock clock,
    OpcUaPki pki,
    ILogger<SimulatorService> logger) : IHostedService, IAsyncDisposable
{
    private readonly TaskCompletionSource<string?> _url = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<SimulatorSparkplug?> _sparkplug = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly string _generatedPassword = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24));
    private PlantSimulator? _simulator;
    private SparkplugPlantPublisher? _publisher;

    /// <summary>The simulator's endpoint URL once started; null when it does not run.</summary>
    public Task<string?> EndpointUrl => _url.Task;

    /// <summary>Where the simulator publishes Sparkplug B (<c>Factory:Simulator:Protocol=Sparkplug</c>); null otherwise.</summary>
    public Task<SimulatorSparkplug?> Sparkplug => _sparkplug.Task;

    /// <summary>True when the simulator runs in this host (its server and the connectors here trust each other).</summary>
    public bool RunsHere => _simulator is not null;

    /// <summary>
    /// The user name and password the connectors log in to the simulator with: the configured ones, or for the simulator
    /// of this host a password made for this run; null when another host runs it and no password is configured.
    /// </summary>
    public (string User, string Password)? ConnectorCredentials => options.Value.ConnectorPassword is { Length: > 0 } configured
        ? (options.Value.ConnectorUser, configured)
        : RunsHere ? (options.Value.ConnectorUser, _generatedPassword) : null;

    /// <summary>The simulator while it runs here (for tests).</summary>
    internal PlantSimulator? Simulator => _simulator;

    /// <summary>The Sparkplug B publisher while it runs (for tests).</summary>
    internal SparkplugPlantPublisher? Publisher => _publisher;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            var plantFile = factory.Value.PlantFile;
            var sparkplug = SparkplugFeed();
            if (cluster.Value is { Mode: not Cluster.ClusterMode.Embedded, SimulatorUrl: { Length: > 0 } elsewhere })
            {
                // Another host of the cluster runs the simulator; the connectors here read it over the network.
                _sparkplug.TrySetResult(sparkplug);
                _url.TrySetResult(elsewhere);
                return;
            }

            var plant = PlantDefinitionReader.Read(plantFile);
            if (!options.Value.Enabled || !PlantTranslation.UsesSimulator(plant))
            {
                _sparkplug.TrySetResult(null);
                _url.TrySetResult(null);
                return;
            }

            var o = options.Value;
            var (certificate, trustList) = pki.Simulator();
            _simulator = await PlantSimulator.StartAsync(new SimulatorOptions
            {
                Users = new Dictionary<string, string> { [o.ConnectorUser] = o.ConnectorPassword is { Length: > 0 } configured ? configured : _generatedPassword },
                AllowAnonymousWrites = o.AllowAnonymousWrites,
                Certificate = certificate,
                TrustList = trustList,
                Machines = PlantFile.Machines(plant),
                Port = o.Port,
                Seed = o.Seed,
                MeanTimeBetweenFailures = o.MeanTimeBetweenFailures,
                MeanTimeToRepair = o.MeanTimeToRepair,
                TimeProvider = clock,
                ServerTimeProvider = TimeProvider.System,
            }, cancellationToken);
            logger.LogInformation("Simulated plant serving OPC UA at {Url} ({Machines} machines)", _simulator.EndpointUrl, _simulator.Machines.Count);
            if (clock.Time is ScaledTimeProvider fast)
            {
                logger.LogWarning("The plant clock runs {Speed}x faster than real time (Factory:Simulator:Speed): for demos and tests only", fast.Speed);
            }

            if (sparkplug is not null)
            {
                _publisher = SparkplugPlantPublisher.Start(_simulator, new SparkplugPublisherOptions
                {
                    Broker = mqtt.Value.ToBroker("simulator")!,
                    Group = sparkplug.Group,
                    TimeProvider = clock,
                });
                logger.LogInformation("Simulated plant publishing Sparkplug B to {Broker}, group {Group} (an edge node per line)", sparkplug.Broker, sparkplug.Group);
            }

            _sparkplug.TrySetResult(sparkplug);
            _url.TrySetResult(_simulator.EndpointUrl);
        }
        catch (Exception e)
        {
            _sparkplug.TrySetException(e);
            _url.TrySetException(e);
            throw;
        }
    }

    /// <summary>Where the Sparkplug feed goes when that is the protocol; a missing broker stops the host with one clear line.</summary>
    private SimulatorSparkplug? SparkplugFeed()
    {
        if (options.Value.Protocol != SimulatorProtocol.Sparkplug)
        {
            return null;
        }

        var broker = mqtt.Value.ToBroker("sparkplug-host") ?? throw new InvalidOperationException(
            "Factory:Simulator:Protocol=Sparkplug needs an MQTT broker: set Factory:Mqtt:Broker (e.g. mqtt://127.0.0.1:1883); the host does not embed one.");
        return new SimulatorSparkplug(broker, options.Value.SparkplugGroup);
    }

    public async Task StopAsync(CancellationToken cancellationToken) => await DisposeAsync();

    public async ValueTask DisposeAsync()
    {
        if (_publisher is { } publisher)
        {
            _publisher = null;
            await publisher.DisposeAsync();
        }

        if (_simulator is { } simulator)
        {
            _simulator = null;
            await simulator.DisposeAsync();
        }
    }
}
