using Factory.Connectivity.Mqtt;
using Factory.Contracts.Events;
using Factory.OpcUa.Encoding;
using Microsoft.Extensions.Logging;

namespace Factory.Connectivity;

/// <summary>
/// All endpoint connectors of this host (OPC UA servers, Sparkplug B groups, plain MQTT topics): runs them, lists their
/// connections, and routes PLC writes to the connector that owns the machine. Connection changes are published through
/// the site's feed like any event.
/// </summary>
public sealed class PlantConnectivity(IGrainFactory grains, TimeProvider clock, ILoggerFactory loggers)
{
    private readonly List<EndpointConnector> _connectors = [];
    private readonly List<IEndpointConnector> _all = [];
    private readonly Dictionary<string, IEndpointConnector> _byMachine = new(StringComparer.Ordinal);

    public IReadOnlyList<ConnectionView> Connections => _all.Select(c => c.View).ToList();

    /// <summary>The OPC UA connectors, one per endpoint.</summary>
    public IReadOnlyList<EndpointConnector> Connectors => _connectors;

    /// <summary>Every connector, whatever its protocol.</summary>
    public IReadOnlyList<IEndpointConnector> All => _all;

    /// <summary>Whether a PLC endpoint feeds this machine.</summary>
    public bool Feeds(string machineId) => _byMachine.ContainsKey(machineId);

    /// <summary>The id of the endpoint that feeds this machine; null when none does.</summary>
    public string? EndpointOf(string machineId) => _byMachine.TryGetValue(machineId, out var connector) ? connector.Id : null;

    /// <summary>Adds an OPC UA endpoint; call before <see cref="RunAsync"/>.</summary>
    public void Add(EndpointSettings settings)
    {
        var connector = new EndpointConnector(settings, grains, clock, loggers.CreateLogger($"Factory.Connectivity.{settings.Id}"));
        _connectors.Add(connector);
        Register(connector, settings.SiteId);
    }

    /// <summary>Adds an MQTT endpoint (Sparkplug B or JSON topics); call before <see cref="RunAsync"/>.</summary>
    public BrokerConnector Add(BrokerEndpointSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var logger = loggers.CreateLogger($"Factory.Connectivity.{settings.Id}");
        BrokerConnector connector = settings.Kind == BrokerEndpointKind.Sparkplug
            ? new SparkplugHostConnector(settings, grains, clock, logger)
            : new JsonTopicsConnector(settings, grains, clock, logger);
        Register(connector, settings.SiteId);
        return connector;
    }

    /// <summary>Runs every connector until cancelled.</summary>
    public Task RunAsync(CancellationToken cancellationToken) =>
        Task.WhenAll(_all.Select(c => Task.Run(() => c.RunAsync(cancellationToken), CancellationToken.None)));

    /// <summary>Writes a PackML command to the machine's PLC; the status says whether the PLC took it.</summary>
    public Task<StatusCode> WriteCommandAsync(string machineId, PackMlCommand command, CancellationToken cancellationToken) =>
        _byMachine.TryGetValue(machineId, out var connector)
            ? connector.WriteCommandAsync(machineId, command, cancellationToken)
            : Task.FromResult(new StatusCode(0x803D0000));

    /// <summary>Writes a speed setpoint to the machine's PLC.</summary>
    public Task<StatusCode> WriteSpeedSetpointAsync(string machineId, double setpoint, CancellationToken cancellationToken) =>
        _byMachine.TryGetValue(machineId, out var connector)
            ? connector.WriteSpeedSetpointAsync(machineId, setpoint, cancellationToken)
            : Task.FromResult(new StatusCode(0x803D0000));

    /// <summary>Writes a job to the machine's PLC job tags (null clears it).</summary>
    public Task<StatusCode> WriteJobAsync(string machineId, JobTicket? job, CancellationToken cancellationToken) =>
        _byMachine.TryGetValue(machineId, out var connector)
            ? connector.WriteJobAsync(machineId, job, cancellationToken)
            : Task.FromResult(new StatusCode(0x803D0000));

    private void Register(IEndpointConnector connector, string siteId)
    {
        connector.Changed += view => grains.GetGrain<IPlantFeedGrain>(siteId).Publish(new ConnectionChanged(view)).Ignore();
        _all.Add(connector);
        foreach (var machine in connector.MachineIds)
        {
            _byMachine[machine] = connector;
        }
    }
}
