namespace Factory.Domain.Work;

/// <summary>An order to make <paramref name="Quantity"/> of a product through ordered operations.</summary>
/// <param name="Priority">Higher is more urgent; weights tardiness in scheduling.</param>
public sealed record WorkOrder(
    string Id,
    string SiteId,
    string Product,
    int Quantity,
    DateTimeOffset DueDate,
    int Priority,
    ImmutableArray<Operation> Operations)
{
    /// <summary>When it was cancelled (null when it was not).</summary>
    public DateTimeOffset? CancelledAt { get; init; }

    public Operation? FindOperation(int sequence) => Operations.FirstOrDefault(o => o.Sequence == sequence);

    /// <summary>The order is done when all its operations are completed.</summary>
    public bool IsDone => Operations.All(o => o.Status == OperationStatus.Completed);

    /// <summary>Done or cancelled: nothing of it is planned or released any more.</summary>
    public bool IsClosed => IsDone || CancelledAt is not null;

    /// <summary>Where the order is as a whole.</summary>
    public WorkOrderStatus Status =>
        CancelledAt is not null ? WorkOrderStatus.Cancelled
        : IsDone ? WorkOrderStatus.Completed
        : Operations.Any(o => !o.Runs.IsDefaultOrEmpty || o.Status == OperationStatus.Completed) ? WorkOrderStatus.InProgress
        : WorkOrderStatus.Open;

    /// <summary>When its last operation completed (null until the order is done).</summary>
    public DateTimeOffset? CompletedAt => IsDone ? Operations.Max(o => o.EndedAt) : null;

    /// <summary>Good parts still to make in an operation.</summary>
    public long Remaining(Operation operation) => Math.Max(0, Quantity - operation.Good);

    /// <summary>Returns a copy with one operation replaced.</summary>
    public WorkOrder WithOperation(Operation operation) =>
        this with { Operations = Operations.Select(o => o.Sequence == operation.Sequence ? operation : o).ToImmutableArray() };
}
