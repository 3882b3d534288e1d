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
    TimeProvider clock,
    ILogger<SimulatorService> logger) : IHostedService, IAsyncDisposable
{
    private readonly TaskCompletionSource<string?> _url = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private PlantSimulator? _simulator;

    /// <summary>The simulator's endpoint URL once started; null when it does not run.</summary>
    public Task<string?> EndpointUrl => _url.Task;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            var plantFile = factory.Value.PlantFile;
            if (cluster.Value is { Mode: not Cluster.ClusterMode.Embedded, SimulatorUrl: { Length: > 0 } elsewhere })
            {
                // Another host of the cluster runs the simulator; the connectors here read it over the network.
                _url.TrySetResult(elsewhere);
                return;
            }

            if (!options.Value.Enabled || !PlantDefinitionReader.UsesSimulator(PlantDefinitionReader.Read(plantFile)))
            {
                _url.TrySetResult(null);
                return;
            }

            var o = options.Value;
            _simulator = await PlantSimulator.StartAsync(new SimulatorOptions
            {
                PlantFile = plantFile,
                Port = o.Port,
                Seed = o.Seed,
                MeanTimeBetweenFailures = o.MeanTimeBetweenFailures,
                MeanTimeToRepair = o.MeanTimeToRepair,
                TimeProvider = clock,
                ServerTimeProvider = TimeProvider.System,
            }, cancellationToken);
            logger.LogInformation("Simulated plant serving OPC UA at {Url} ({Machines} machines)", _simulator.EndpointUrl, _simulator.Machines.Count);
            if (clock is ScaledTimeProvider fast)
            {
                logger.LogWarning("The plant clock runs {Speed}x faster than real time (Factory:Simulator:Speed): for demos and tests only", fast.Speed);
            }
            _url.TrySetResult(_simulator.EndpointUrl);
        }
        catch (Exception e)
        {
            _url.TrySetException(e);
            throw;
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken) => await DisposeAsync();

    public async ValueTask DisposeAsync()
    {
        if (_simulator is { } simulator)
        {
            _simulator = null;
            await simulator.DisposeAsync();
        }
    }
}
