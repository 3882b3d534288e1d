using Factory.Contracts.Specs;
using Factory.Contracts.Views;

namespace Factory.Contracts.Grains;

/// <summary>A production line; derives its status and throughput from its machines. Keyed by line id.</summary>
public interface ILineGrain : IGrainWithStringKey
{
    /// <summary>Defines or redefines the line.</summary>
    Task Define(LineSpec spec);

    /// <summary>The line, or null when it was never defined.</summary>
    Task<LineView?> GetView();

    /// <summary>Told by a machine of the line whenever it changes.</summary>
    Task OnMachineChanged(MachineView machine);
}
