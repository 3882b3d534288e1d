namespace Factory.Domain.Oee;

/// <summary>
/// What was planned for a machine: the planned operation ranges (from the shift calendar) and the
/// planned stops that apply to it (breaks, planned maintenance).
/// </summary>
/// <param name="Operation">Planned operation ranges; default (not empty!) means continuous operation (24/7).</param>
/// <param name="Stops">Planned stops that apply to the machine (see <see cref="PlannedStop.AppliesTo"/>).</param>
public sealed record PlannedTime(ImmutableArray<TimeRange> Operation, ImmutableArray<PlannedStop> Stops)
{
    /// <summary>Round-the-clock operation with no planned stops.</summary>
    public static PlannedTime Continuous { get; } = new(default, ImmutableArray<PlannedStop>.Empty);

    public bool IsContinuous => Operation.IsDefault;

    /// <summary>Continuous operation with the given stops.</summary>
    public static PlannedTime ContinuousWith(IEnumerable<PlannedStop> stops) => new(default, stops.ToImmutableArray());
}
