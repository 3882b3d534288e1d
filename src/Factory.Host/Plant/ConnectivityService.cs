using Factory.Connectivity;
using Factory.Host.Cluster;
using Microsoft.Extensions.Options;

namespace Factory.Host.Plant;

/// <summary>
/// Runs the endpoint connectors (OPC UA, Sparkplug B, MQTT JSON topics) of the loaded plant for as long as the host runs. In a cluster each endpoint's
/// connector runs in one host at a time: the one holding the endpoint's lease (<see cref="EndpointOwnership"/>).
/// </summary>
public sealed class ConnectivityService(
    PlantConnectivity connectivity,
    PlantCatalog catalog,
    IOptions<ClusterSettings> cluster,
    EndpointOwnership ownership) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var specs = await catalog.Specs.WaitAsync(stoppingToken);
        foreach (var endpoint in specs.Endpoints)
        {
            connectivity.Add(endpoint);
        }

        foreach (var endpoint in specs.BrokerEndpoints)
        {
            connectivity.Add(endpoint);
        }

        if (cluster.Value.Mode == ClusterMode.Embedded)
        {
            await connectivity.RunAsync(stoppingToken);
            return;
        }

        await Task.WhenAll(connectivity.All.Select(connector =>
            ownership.RunWhileHeldAsync(connector.Id, connector.RunAsync, stoppingToken, new EndpointWriter(connector))));
    }
}
