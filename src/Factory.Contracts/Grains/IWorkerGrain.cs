using Factory.Contracts.Specs;
using Factory.Contracts.Views;

namespace Factory.Contracts.Grains;

/// <summary>A worker: skills, certifications, shift and clock. Keyed by worker id.</summary>
public interface IWorkerGrain : IGrainWithStringKey
{
    /// <summary>Defines or redefines the worker; the clock state is kept once it exists.</summary>
    Task Define(WorkerSpec spec);

    /// <summary>The worker, or null when never defined.</summary>
    Task<WorkerView?> GetView();

    /// <summary>Clocks the worker in; refused (409) when already clocked in.</summary>
    Task<CommandResult> ClockIn();

    /// <summary>Clocks the worker out; refused (409) when not clocked in.</summary>
    Task<CommandResult> ClockOut();
}
