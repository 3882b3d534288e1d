using Factory.Domain.PackMl;

namespace Factory.Simulator;

/// <summary>A simulated machine entered a new PackML state at a simulated time.</summary>
public sealed class MachineStateChangedEventArgs(string machineId, PackMlState state, DateTimeOffset at) : EventArgs
{
    public string MachineId { get; } = machineId;

    public PackMlState State { get; } = state;

    public DateTimeOffset At { get; } = at;
}
