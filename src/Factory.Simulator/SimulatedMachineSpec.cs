using Factory.Domain.PackMl;

namespace Factory.Simulator;

/// <summary>One simulated machine: where it sits, how fast it runs and the state it starts in.</summary>
/// <param name="Id">The machine id, also the string part of its NodeIds (e.g. CNC-01).</param>
/// <param name="LineId">The line folder it appears under.</param>
/// <param name="IdealCycleTime">Time per part at the ideal rate (ISO 22400 PRI).</param>
public sealed record SimulatedMachineSpec(string Id, string LineId, TimeSpan IdealCycleTime, PackMlState InitialState = PackMlState.Execute)
{
    public string Name { get; init; } = Id;

    /// <summary>The PackML 2015 optional Hold transitions.</summary>
    public bool HoldExtensions { get; init; }

    /// <summary>Overrides <see cref="SimulatorOptions.MeanTimeBetweenFailures"/> for this machine.</summary>
    public TimeSpan? MeanTimeBetweenFailures { get; init; }

    /// <summary>Overrides <see cref="SimulatorOptions.MeanTimeToRepair"/> for this machine.</summary>
    public TimeSpan? MeanTimeToRepair { get; init; }

    /// <summary>Overrides <see cref="SimulatorOptions.ScrapRate"/> for this machine.</summary>
    public double? ScrapRate { get; init; }
}
