using Factory.Domain.PackMl;
using Factory.Domain.Plant;

namespace Factory.Domain.Oee;

/// <summary>A stretch [<paramref name="Start"/>, <paramref name="End"/>) during which a machine stayed in one condition.</summary>
public sealed record StateInterval(
    string MachineId,
    PackMlState State,
    UnitMode Mode,
    DataQuality Quality,
    string? ReasonCode,
    DateTimeOffset Start,
    DateTimeOffset End,
    string? WorkOrderId = null,
    MachineryItemState? Machinery = null)
{
    public TimeSpan Duration => End - Start;

    public TimeRange Range => new(Start, End);

    /// <summary>The interval that starts with <paramref name="started"/> and lasts until <paramref name="end"/>.</summary>
    public static StateInterval From(MachineStateEvent started, DateTimeOffset end) =>
        new(started.MachineId, started.State, started.Mode, started.Quality, started.ReasonCode, started.At, end, started.WorkOrderId, started.Machinery);

    /// <summary>Stands for time no event covers: nothing is known about the machine then.</summary>
    public static StateInterval Uncovered(string machineId, DateTimeOffset start, DateTimeOffset end) =>
        new(machineId, PackMlState.Undefined, UnitMode.Unknown, DataQuality.Disconnected, null, start, end);
}
