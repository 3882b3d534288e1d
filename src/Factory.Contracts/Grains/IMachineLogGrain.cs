using Factory.Contracts.Production;
using Factory.Contracts.Views;

namespace Factory.Contracts.Grains;

/// <summary>
/// One machine's production record, keyed by machine id: the state interval log, counts and planned stops.
/// The machine grain sends it every new view; the API posts events with their own timestamps. KPIs are computed
/// from what it returns (pure domain functions), never stored. The machine's alarms and safety stops are its
/// <see cref="IMachineAlarmsGrain"/>; this log hands that grain the tags they watch.
/// </summary>
public interface IMachineLogGrain : IGrainWithStringKey
{
    /// <summary>Sets where the machine belongs and what it watches; the machine's alarms grain is configured with it.</summary>
    Task Configure(MachineLogSettings settings);

    /// <summary>The machine's newest view (one-way, from the machine grain): state changes, counter increments, tags.</summary>
    [OneWay]
    Task Record(MachineView view);

    /// <summary>Posted events with their own timestamps; all checked first, one bad event refuses the batch.</summary>
    Task<CommandResult> Post(ImmutableArray<MachineEventInput> events);

    /// <summary>Records a planned stop (machine- or line-scoped).</summary>
    Task<CommandResult> AddPlannedStop(PlannedStopView stop);

    /// <summary>Removes the planned stop with <paramref name="stopId"/> (<see cref="PlannedStopView.StopId"/>); NotFound when there is none.</summary>
    Task<CommandResult> RemovePlannedStop(string stopId);

    /// <summary>Every planned stop the log keeps, in start order.</summary>
    Task<ImmutableArray<PlannedStopView>> GetPlannedStops();

    /// <summary>Attaches a reason code to the interval that starts exactly at <paramref name="intervalStart"/>.</summary>
    Task<CommandResult> AttachReason(DateTimeOffset intervalStart, string reasonCode);

    /// <summary>Events, counts and stops touching [from, to) (plus the event in force at <paramref name="from"/>).</summary>
    Task<MachineLogView> GetLog(DateTimeOffset from, DateTimeOffset to);

    /// <summary>
    /// The log after <paramref name="from"/> up to <paramref name="to"/> for a reader that saw revision
    /// <paramref name="revision"/> of <paramref name="epoch"/>; from <paramref name="windowStart"/> instead when anything
    /// at or before <paramref name="from"/> changed since (or the reader is new: <see cref="Guid.Empty"/>).
    /// </summary>
    Task<MachineLogTail> GetLogTail(DateTimeOffset windowStart, DateTimeOffset from, DateTimeOffset to, Guid epoch, long revision);
}
