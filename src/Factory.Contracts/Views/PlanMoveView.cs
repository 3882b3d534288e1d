namespace Factory.Contracts.Views;

/// <summary>What a plan change did to one operation: from where/when to where/when (From is null for a new operation).</summary>
[GenerateSerializer, Immutable, Alias("factory.plan-move-view")]
public sealed record PlanMoveView(
    [property: Id(0)] string WorkOrderId,
    [property: Id(1)] int Sequence,
    [property: Id(2)] PlannedOperationView? From,
    [property: Id(3)] PlannedOperationView To);
