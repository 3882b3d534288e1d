using Factory.OpcUa.Encoding;

namespace Factory.Connectivity;

/// <summary>
/// One plant endpoint feeding machine grains, whatever its protocol (an OPC UA server, a Sparkplug B group on a
/// broker, plain MQTT JSON topics): it runs until cancelled, reports its connection, and writes commands to the PLCs.
/// Write answers are OPC UA status codes (Good when the endpoint took the write), so every protocol shares one write path.
/// </summary>
public interface IEndpointConnector
{
    /// <summary>The endpoint's id in the plant file.</summary>
    string Id { get; }

    /// <summary>The machines this endpoint feeds.</summary>
    IEnumerable<string> MachineIds { get; }

    /// <summary>The connection as it stands, with the counters of received data.</summary>
    ConnectionView View { get; }

    /// <summary>Raised on every connection state change (not on data).</summary>
    event Action<ConnectionView>? Changed;

    /// <summary>Connects and pumps data until cancelled, reconnecting with backoff.</summary>
    Task RunAsync(CancellationToken cancellationToken);

    /// <summary>Writes a PackML command to the machine's PLC.</summary>
    Task<StatusCode> WriteCommandAsync(string machineId, PackMlCommand command, CancellationToken cancellationToken);

    /// <summary>Writes a speed setpoint (items per minute) to the machine's PLC.</summary>
    Task<StatusCode> WriteSpeedSetpointAsync(string machineId, double setpoint, CancellationToken cancellationToken);

    /// <summary>Writes a job to the machine's job tags (null clears it); Good when written or when the endpoint hands it no jobs.</summary>
    Task<StatusCode> WriteJobAsync(string machineId, JobTicket? job, CancellationToken cancellationToken);
}
