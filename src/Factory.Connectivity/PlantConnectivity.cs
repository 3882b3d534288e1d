using Factory.Contracts.Events;
using Factory.OpcUa.Encoding;
using Microsoft.Extensions.Logging;

namespace Factory.Connectivity;

/// <summary>
/// All endpoint connectors of this host: runs them, lists their connections, and routes PLC writes to the
/// connector that owns the machine. Connection changes are published through the site's feed like any event.
/// </summary>
public sealed class PlantConnectivity(IGrainFactory grains, TimeProvider clock, ILoggerFactory loggers)
{
    private readonly List<EndpointConnector> _connectors = [];
    private readonly Dictionary<string, EndpointConnector> _byMachine = new(StringComparer.Ordinal);

    public IReadOnlyList<ConnectionView> Connections => _connectors.Select(c => c.View).ToList();

    /// <summary>The connectors, one per endpoint.</summary>
    public IReadOnlyList<EndpointConnector> Connectors => _connectors;

    /// <summary>Whether a PLC endpoint feeds this machine.</summary>
    public bool Feeds(string machineId) => _byMachine.ContainsKey(machineId);

    /// <summary>The id of the endpoint that feeds this machine; null when none does.</summary>
    public string? EndpointOf(string machineId) => _byMachine.TryGetValue(machineId, out var connector) ? connector.Settings.Id : null;

    /// <summary>Adds an endpoint; call before <see cref="RunAsync"/>.</summary>
    public void Add(EndpointSettings settings)
    {
        var connector = new EndpointConnector(settings, grains, clock, loggers.CreateLogger($"Factory.Connectivity.{settings.Id}"));
        connector.Changed += view => grains.GetGrain<IPlantFeedGrain>(view.SiteId).Publish(new ConnectionChanged(view)).Ignore();
        ConnectivityMeter.Track(connector);
        _connectors.Add(connector);
        foreach (var machine in settings.Machines)
        {
            _byMachine[machine.MachineId] = connector;
        }
    }

    /// <summary>Runs every connector until cancelled.</summary>
    public Task RunAsync(CancellationToken cancellationToken) =>
        Task.WhenAll(_connectors.Select(c => Task.Run(() => c.RunAsync(cancellationToken), CancellationToken.None)));

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
}
