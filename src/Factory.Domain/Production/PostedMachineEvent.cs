using Factory.Domain.PackMl;
using Factory.Domain.Plant;

namespace Factory.Domain.Production;

/// <summary>
/// One event posted for a machine with its own timestamp (sources without OPC UA, backfill), as the production
/// record checks it: a state change when <see cref="State"/> is set, output increments when a count is above zero,
/// tag values when <see cref="Tags"/> is given. Nothing is checked yet: <see cref="ProductionRecord.Post"/> does.
/// </summary>
/// <param name="IdealCycleTimeSeconds">PRI of what was made; the machine's own when null.</param>
public sealed record PostedMachineEvent(
    DateTimeOffset At,
    PackMlState? State,
    UnitMode? Mode,
    DataQuality? Quality,
    string? ReasonCode,
    string? WorkOrderId,
    long Good,
    long Scrap,
    long Rework,
    double? IdealCycleTimeSeconds,
    ImmutableDictionary<string, double>? Tags);
