namespace Factory.Scheduling.Plans;

/// <summary>The constraint a plan breaks.</summary>
public enum ViolationKind
{
    /// <summary>An operation of the problem is missing from the plan.</summary>
    Missing,

    /// <summary>An operation appears more than once.</summary>
    Duplicate,

    /// <summary>The plan holds an operation the problem does not know.</summary>
    UnknownOperation,

    /// <summary>The operation starts before its predecessor in the job ends.</summary>
    Precedence,

    /// <summary>The machine is not one of the operation's alternatives.</summary>
    IneligibleMachine,

    /// <summary>End − start differs from the duration on that machine.</summary>
    WrongDuration,

    /// <summary>Two operations overlap on one machine.</summary>
    MachineOverlap,

    /// <summary>The operation overlaps an unavailability window of its machine.</summary>
    MachineUnavailable,

    /// <summary>The operation starts before its job's release or the plan start.</summary>
    BeforeRelease,

    /// <summary>The operation needs a worker and has none, or names an unknown worker.</summary>
    MissingWorker,

    /// <summary>The worker lacks the skill or level.</summary>
    WorkerUnqualified,

    /// <summary>The worker's certification expires before the operation ends.</summary>
    CertificationExpired,

    /// <summary>The operation is not inside one of the worker's shifts.</summary>
    WorkerOffShift,

    /// <summary>Two operations overlap for one worker.</summary>
    WorkerOverlap,

    /// <summary>A frozen operation was moved or changed.</summary>
    FrozenChanged,

    /// <summary>A pinned operation is not on its pinned machine or worker.</summary>
    PinnedChanged,

    /// <summary>A maintenance task lies outside its due window (or before the plan start).</summary>
    MaintenanceOutsideWindow,

    /// <summary>A pinned operation starts before the earliest start (not-before) it is pinned to.</summary>
    PinnedTooEarly,
}
