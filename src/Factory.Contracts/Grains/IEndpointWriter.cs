using Factory.Domain.PackMl;

namespace Factory.Contracts.Grains;

/// <summary>
/// Writes to the PLCs of one endpoint, offered by the host that runs its connector (an observer registered with the
/// endpoint's lease), so a command that reaches any host of a cluster is written by the one connected to the PLC.
/// Answers are OPC UA status codes (0 = Good).
/// </summary>
[Alias("Factory.Contracts.Grains.IEndpointWriter")]
public interface IEndpointWriter : IGrainObserver
{
    /// <summary>Writes a PackML command to the machine's PLC.</summary>
    [Alias("WriteCommand")]
    Task<uint> WriteCommand(string machineId, PackMlCommand command);

    /// <summary>Writes a speed setpoint (items/min) to the machine's PLC.</summary>
    [Alias("WriteSpeedSetpoint")]
    Task<uint> WriteSpeedSetpoint(string machineId, double setpoint);

    /// <summary>Writes a job to the machine's PLC job tags (null clears it).</summary>
    [Alias("WriteJob")]
    Task<uint> WriteJob(string machineId, Views.JobTicket? job);
}
