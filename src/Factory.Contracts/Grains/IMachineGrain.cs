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

    /// <summary>Records the operation the machine works on now (null to clear).</summary>
    Task<CommandResult> SetCurrentOperation(string? workOrderId, int? sequence);
}
