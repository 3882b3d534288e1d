using Factory.Contracts.Views;

namespace Factory.Contracts.Grains;

/// <summary>
/// Writes jobs and PackML commands to a machine's PLC for the grains (a silo service the host provides: through this
/// host's connector, or through the one that runs the machine's endpoint in a cluster). Grains of a silo without it
/// drive only machines without a PLC.
/// </summary>
public interface IPlcDriver
{
    /// <summary>Writes the job's tags (id, product, quantity, program) to the machine's PLC; null when written (or when its tag map has no job tags), else why not.</summary>
    Task<string?> WriteJobAsync(string machineId, JobTicket job, CancellationToken cancellationToken);

    /// <summary>Clears the PLC's job (an empty job id), so it makes nothing more for a job taken back; null when written or not mapped.</summary>
    Task<string?> ClearJobAsync(string machineId, CancellationToken cancellationToken);

    /// <summary>Writes a PackML command; null when the PLC took it, else why not (the OPC UA status name).</summary>
    Task<string?> WriteCommandAsync(string machineId, PackMlCommand command, CancellationToken cancellationToken);
}
