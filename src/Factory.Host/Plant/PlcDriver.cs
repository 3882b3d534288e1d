using Factory.Domain.PackMl;
using Factory.OpcUa.Encoding;

namespace Factory.Host.Plant;

/// <summary>The grains' way to a machine's PLC: jobs and PackML commands through <see cref="PlcWrites"/>, answered in words.</summary>
public sealed class PlcDriver(PlcWrites writes) : IPlcDriver
{
    public async Task<string?> WriteJobAsync(string machineId, JobTicket job, CancellationToken cancellationToken) =>
        Outcome(await writes.WriteJobAsync(machineId, job, cancellationToken));

    public async Task<string?> ClearJobAsync(string machineId, CancellationToken cancellationToken) =>
        Outcome(await writes.WriteJobAsync(machineId, null, cancellationToken));

    public async Task<string?> WriteCommandAsync(string machineId, PackMlCommand command, CancellationToken cancellationToken)
    {
        var status = await writes.WriteCommandAsync(machineId, command, cancellationToken);
        return status.Code == 0x803D0000
            ? "the PLC's tag map names no command node: start it at the machine"
            : Outcome(status);
    }

    private static string? Outcome(StatusCode status) => status.IsGood ? null : status.Name;
}
