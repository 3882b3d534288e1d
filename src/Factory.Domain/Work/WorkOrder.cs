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
    public Operation? FindOperation(int sequence) => Operations.FirstOrDefault(o => o.Sequence == sequence);

    /// <summary>The order is done when all its operations are.</summary>
    public bool IsDone => Operations.All(o => o.Status == OperationStatus.Done);

    /// <summary>Returns a copy with one operation replaced.</summary>
    public WorkOrder WithOperation(Operation operation) =>
        this with { Operations = Operations.Select(o => o.Sequence == operation.Sequence ? operation : o).ToImmutableArray() };
}
