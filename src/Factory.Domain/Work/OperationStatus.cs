namespace Factory.Domain.Work;

/// <summary>
/// Where an operation is in its life on the floor: Pending → Ready (its predecessors are done) → Released (sent to its
/// machine) → Running (the machine produces it) → Completed; Interrupted when its machine failed or it was moved (the part
/// done stays credited and the rest waits for another release); Cancelled with its work order.
/// </summary>
/// <remarks>Numbers are kept stable for stored state: 0–2 are the values of earlier versions.</remarks>
public enum OperationStatus
{
    /// <summary>Waiting for the operations before it.</summary>
    Pending = 0,

    /// <summary>Its machine produces it.</summary>
    Running = 1,

    /// <summary>Its quantity was made (or a person or the PLC completed it).</summary>
    Completed = 2,

    /// <summary>Its predecessors are done: it may be released to a machine.</summary>
    Ready = 3,

    /// <summary>Sent to its machine, which has not started it yet.</summary>
    Released = 4,

    /// <summary>Stopped before its quantity was made (machine failed, work moved); the rest waits for another release.</summary>
    Interrupted = 5,

    /// <summary>Will not be made (its work order was cancelled).</summary>
    Cancelled = 6,
}
