using Factory.Domain.Work;

namespace Factory.Domain.Plant;

/// <summary>
/// The result of one machine operation: the machine after it and what follows from it, or a refusal with the machine
/// unchanged and nothing to send.
/// </summary>
/// <param name="Unit">The machine now (the same one when refused or unchanged).</param>
public sealed record MachineStep(MachineUnit Unit)
{
    /// <summary>Why the operation was refused, or null.</summary>
    public Refusal? Refusal { get; init; }

    /// <summary>
    /// The machine changed in a way worth saving. Telemetry that only moved counters and process values is not: the PLC is
    /// the source of truth for those, and they are published at most every publish interval.
    /// </summary>
    public bool Significant { get; init; }

    /// <summary>What to tell the work order of the job (oldest first).</summary>
    public ImmutableArray<WorkOrderReport> Reports { get; init; } = [];

    /// <summary>The machine became free for the next job (its job finished or was dropped): the dispatcher is told.</summary>
    public bool Freed { get; init; }

    /// <summary>The machine let go of its job (interrupted or taken back): nothing more is driven or reported for it.</summary>
    public bool JobDropped { get; init; }

    /// <summary>What its PLC is due, in order.</summary>
    public ImmutableArray<PlcWrite> PlcWrites { get; init; } = [];

    /// <summary>The job taken back by a withdrawal, with what it had made; null when the machine did not hold it.</summary>
    public MachineJob? Withdrawn { get; init; }

    public bool IsRefused => Refusal is not null;
}
