using Factory.Domain.PackMl;

namespace Factory.Domain.Plant;

/// <summary>The facts about a machine that decide whether it may take new work.</summary>
/// <param name="QualitySince">When the current data quality began (to apply the grace period).</param>
/// <param name="FaultReason">Set when the machine (or an operator) reports a fault; a Held machine with a fault is failed.</param>
/// <param name="InPlannedStop">Inside a planned stop (break, planned maintenance): Stopped is then not a failure.</param>
public readonly record struct MachineCondition(
    PackMlState State,
    UnitMode Mode,
    DataQuality Quality,
    DateTimeOffset QualitySince,
    string? FaultReason,
    bool InPlannedStop);
