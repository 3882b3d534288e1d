using Factory.Connectivity;
using Factory.Domain.PackMl;
using Factory.Host.Cluster;
using Factory.OpcUa.Encoding;
using Microsoft.Extensions.Options;

namespace Factory.Host.Plant;

/// <summary>
/// Writes to a machine's PLC from whichever host the request reached: through this host's connector when it runs the
/// machine's endpoint (always, on one host), else through the writer the running host offers on the endpoint's lease.
/// </summary>
public sealed class PlcWrites(PlantConnectivity connectivity, EndpointOwnership ownership, IOptions<ClusterSettings> cluster, IGrainFactory grains)
{
    /// <summary>Whether a PLC endpoint feeds this machine.</summary>
    public bool Feeds(string machineId) => connectivity.Feeds(machineId);

    /// <summary>Writes a PackML command to the machine's PLC; the status says whether the PLC took it.</summary>
    public async Task<StatusCode> WriteCommandAsync(string machineId, PackMlCommand command, CancellationToken cancellationToken) =>
        await RemoteWriterAsync(machineId) is { } writer
            ? new StatusCode(await writer.WriteCommand(machineId, command).WaitAsync(cancellationToken))
            : await connectivity.WriteCommandAsync(machineId, command, cancellationToken);

    /// <summary>Writes a speed setpoint to the machine's PLC.</summary>
    public async Task<StatusCode> WriteSpeedSetpointAsync(string machineId, double setpoint, CancellationToken cancellationToken) =>
        await RemoteWriterAsync(machineId) is { } writer
            ? new StatusCode(await writer.WriteSpeedSetpoint(machineId, setpoint).WaitAsync(cancellationToken))
            : await connectivity.WriteSpeedSetpointAsync(machineId, setpoint, cancellationToken);

    /// <summary>Writes a job to the machine's PLC job tags (null clears it).</summary>
    public async Task<StatusCode> WriteJobAsync(string machineId, JobTicket? job, CancellationToken cancellationToken) =>
        await RemoteWriterAsync(machineId) is { } writer
            ? new StatusCode(await writer.WriteJob(machineId, job).WaitAsync(cancellationToken))
            : await connectivity.WriteJobAsync(machineId, job, cancellationToken);

    /// <summary>The writer of the host running the machine's endpoint, when that is another host of the cluster.</summary>
    private async Task<IEndpointWriter?> RemoteWriterAsync(string machineId)
    {
        if (cluster.Value.Mode == ClusterMode.Embedded || connectivity.EndpointOf(machineId) is not { } endpoint || ownership.IsHeldHere(endpoint))
        {
            return null;
        }

        // Nobody runs it right now (a host just died and the lease has not moved yet): the local connector, which is
        // not connected, answers BadNotConnected, as any unreachable PLC would.
        return await grains.GetGrain<IEndpointLeaseGrain>(endpoint).GetWriter();
    }
}
