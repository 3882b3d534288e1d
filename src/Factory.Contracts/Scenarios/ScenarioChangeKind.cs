namespace Factory.Contracts.Scenarios;

/// <summary>What a what-if change does.</summary>
public enum ScenarioChangeKind
{
    /// <summary>A machine is down from–to.</summary>
    MachineDown,

    /// <summary>A worker is absent from–to.</summary>
    WorkerAbsent,

    /// <summary>A new (rush) work order arrives.</summary>
    RushOrder,

    /// <summary>A work order's due date changes.</summary>
    DueDate,

    /// <summary>A work order's priority changes.</summary>
    Priority,

    /// <summary>Workers may work overtime from–to.</summary>
    Overtime,
}
