namespace Factory.Scheduling.Plans;

/// <summary>One broken constraint found by <see cref="PlanChecker"/>.</summary>
/// <param name="Kind">Which constraint.</param>
/// <param name="OperationId">The operation concerned.</param>
/// <param name="Message">A readable explanation with the figures involved.</param>
public sealed record PlanViolation(ViolationKind Kind, string OperationId, string Message)
{
    /// <inheritdoc />
    public override string ToString() => $"{Kind} ({OperationId}): {Message}";
}
