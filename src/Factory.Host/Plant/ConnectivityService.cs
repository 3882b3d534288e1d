using Factory.Connectivity;

namespace Factory.Host.Plant;

/// <summary>Runs the OPC UA connectors of the loaded plant for as long as the host runs.</summary>
public sealed class ConnectivityService(PlantConnectivity connectivity, PlantCatalog catalog) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var specs = await catalog.Specs.WaitAsync(stoppingToken);
        foreach (var endpoint in specs.Endpoints)
        {
            connectivity.Add(endpoint);
        }

        await connectivity.RunAsync(stoppingToken);
    }
}
