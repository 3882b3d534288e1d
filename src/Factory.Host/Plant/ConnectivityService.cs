using Factory.Connectivity;
using Factory.Host.Cluster;
using Factory.OpcUa.Security;
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
    EndpointOwnership ownership,
    SimulatorService simulator,
    OpcUaPki pki,
    ILogger<ConnectivityService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var specs = await catalog.Specs.WaitAsync(stoppingToken);
        var simulatorUrl = await simulator.EndpointUrl is { } url ? new Uri(url) : null;
        foreach (var endpoint in specs.Endpoints)
        {
            connectivity.Add(LogIn(Secure(endpoint, simulator.RunsHere ? simulatorUrl : null), simulatorUrl));
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

    /// <summary>
    /// The connectors of the simulator log in as its connector user (anonymous sessions may not write), unless the
    /// plant file names a user for the endpoint.
    /// </summary>
    private EndpointSettings LogIn(EndpointSettings endpoint, Uri? simulatorUrl)
    {
        if (endpoint.Url != simulatorUrl || endpoint.User is not null)
        {
            return endpoint;
        }

        if (simulator.ConnectorCredentials is { } credentials)
        {
            return endpoint with { User = credentials.User, Password = credentials.Password };
        }

        // Another host's simulator with no shared password: this host reads it, but its commands would be refused.
        logger.LogWarning("Endpoint {Endpoint}: the simulator at {Url} runs on another host and Factory:Simulator:ConnectorPassword is not set; " +
            "this host reads it anonymously and cannot send it commands or jobs (give every host the same ConnectorPassword)", endpoint.Id, endpoint.Url);
        return endpoint;
    }

    /// <summary>
    /// Gives secured endpoints the connectors' certificate and trust list; the simulator of this host, which trusts
    /// the connectors and is trusted by them, is read with SignAndEncrypt unless the plant file says otherwise.
    /// </summary>
    private EndpointSettings Secure(EndpointSettings endpoint, Uri? simulatorUrl)
    {
        if (endpoint.Url == simulatorUrl && endpoint.SecurityMode == Factory.OpcUa.Services.MessageSecurityMode.None && endpoint.SecurityPolicy == "None")
        {
            endpoint = endpoint with { SecurityPolicy = SecurityAlgorithms.Basic256Sha256Uri, SecurityMode = Factory.OpcUa.Services.MessageSecurityMode.SignAndEncrypt };
        }

        return endpoint.SecurityMode == Factory.OpcUa.Services.MessageSecurityMode.None ? endpoint : endpoint with { Security = pki.Connectors };
    }
}
