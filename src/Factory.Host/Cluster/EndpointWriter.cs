using Factory.Connectivity;
using Factory.Domain.PackMl;

namespace Factory.Host.Cluster;

/// <summary>The PLC writes of this host's connector, offered to the other hosts of a cluster through the endpoint's lease.</summary>
public sealed class EndpointWriter(IEndpointConnector connector) : IEndpointWriter
{
    /// <summary>A forwarded write that the PLC has not answered by then is reported as timed out, not left hanging.</summary>
    private static readonly TimeSpan WriteTimeout = TimeSpan.FromSeconds(10);

    public async Task<uint> WriteCommand(string machineId, PackMlCommand command)
    {
        using var timeout = new CancellationTokenSource(WriteTimeout);
        return (await connector.WriteCommandAsync(machineId, command, timeout.Token)).Code;
    }

    public async Task<uint> WriteSpeedSetpoint(string machineId, double setpoint)
    {
        using var timeout = new CancellationTokenSource(WriteTimeout);
        return (await connector.WriteSpeedSetpointAsync(machineId, setpoint, timeout.Token)).Code;
    }

    public async Task<uint> WriteJob(string machineId, JobTicket? job)
    {
        using var timeout = new CancellationTokenSource(WriteTimeout);
        return (await connector.WriteJobAsync(machineId, job, timeout.Token)).Code;
    }
}
