using Factory.Scheduling.Plans;

namespace Factory.Scheduling.Replanning;

/// <summary>One operation whose machine, worker or time changed between two plans.</summary>
/// <param name="OperationId">The operation.</param>
/// <param name="Before">Where it was (null when it was not in the old plan).</param>
/// <param name="After">Where it is now.</param>
public sealed record OperationMove(string OperationId, ScheduledOperation? Before, ScheduledOperation After)
{
    /// <summary>True when it moved to another machine.</summary>
    public bool MachineChanged => Before is null || Before.MachineId != After.MachineId;

    /// <summary>True when another worker runs it.</summary>
    public bool WorkerChanged => Before is null || Before.WorkerId != After.WorkerId;

    /// <summary>True when its start or end changed.</summary>
    public bool TimeChanged => Before is null || Before.Start != After.Start || Before.End != After.End;
}
