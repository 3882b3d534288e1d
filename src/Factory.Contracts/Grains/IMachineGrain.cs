using Factory.Contracts.Specs;
using Factory.Contracts.Views;

namespace Factory.Contracts.Grains;

/// <summary>One machine: PackML state and mode, telemetry, data quality, current operation. Keyed by machine id.</summary>
public interface IMachineGrain : IGrainWithStringKey
{
    /// <summary>Defines or redefines the machine; live state survives a redefinition.</summary>
    Task Define(MachineSpec spec);

    /// <summary>The machine, or null when it was never defined.</summary>
    Task<MachineView?> GetView();

    /// <summary>Applies a PackML command; refused (409) when the state machine does not allow it.</summary>
    Task<CommandResult> ExecuteCommand(PackMlCommand command);

    /// <summary>Checks a PackML command against the current state without applying it (for PLC-fed machines, before the write).</summary>
    Task<CommandResult> ValidateCommand(PackMlCommand command);

    /// <summary>Applies a batch of PLC values; from then on the PLC, not the grain, completes acting states.</summary>
    Task ApplyTelemetry(MachineTelemetry telemetry);

    /// <summary>Sets the data quality when the connection, not a value, says so (Disconnected, Stale).</summary>
    Task SetDataQuality(DataQuality quality, string? reason);

    /// <summary>
    /// Gives the machine a released operation's job: refused (409) when it holds another unfinished job or is not free. The
    /// machine writes the job to its PLC and starts itself where its source allows it, then reports to the work order as it
    /// starts, counts, completes or is interrupted.
    /// </summary>
    Task<CommandResult> TakeJob(JobTicket ticket);

    /// <summary>Takes a job back (moved or cancelled): the machine stops crediting it and says what it had made.</summary>
    Task<JobWithdrawal> WithdrawJob(string workOrderId, int sequence, string reason);

    /// <summary>The result of a PLC write the machine sent for its job (called back by the machine itself).</summary>
    Task OnPlcWrite(string jobId, string what, string? error);

    /// <summary>
    /// As <see cref="SetDataQuality"/>, dated by the source: the quality holds since <paramref name="since"/> (a Sparkplug
    /// death's timestamp), bounded to no earlier than the previous quality change and no later than now.
    /// </summary>
    Task SetDataQualitySince(DataQuality quality, string? reason, DateTimeOffset since);

}
