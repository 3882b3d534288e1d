using System.Text.Json.Serialization;
using Factory.Contracts.Specs;

namespace Factory.Contracts.Views;

/// <summary>One operation of a work order: its spec, with its assignment and how far the floor has got with it.</summary>
[GenerateSerializer, Immutable, Alias("factory.operation-view")]
public sealed record OperationView : OperationSpec
{
    /// <summary>A view of the operation <paramref name="spec"/> describes; the caller sets its assignment and progress.</summary>
    public OperationView(OperationSpec spec)
        : base(spec)
    {
    }

    [JsonConstructor]
    private OperationView()
    {
    }

    /// <summary>The machine it is assigned to (the plan's or a manager's choice; the machine of its open run once released).</summary>
    [Id(0)] public required string? MachineId { get; init; }

    [Id(1)] public required string? WorkerId { get; init; }

    [Id(2)] public required bool Pinned { get; init; }

    [Id(3)] public required OperationStatus Status { get; init; }

    /// <summary>Good parts made over all runs (of the order's quantity).</summary>
    [Id(4)] public long Good { get; init; }

    [Id(5)] public long Scrap { get; init; }

    [Id(6)] public DateTimeOffset? ReadyAt { get; init; }

    [Id(7)] public DateTimeOffset? StartedAt { get; init; }

    [Id(8)] public DateTimeOffset? EndedAt { get; init; }

    /// <summary>When it will be done: from its run's rate once it made parts, else from the standard time; null when finished.</summary>
    [Id(9)] public DateTimeOffset? Eta { get; init; }

    [Id(10)] public string? Note { get; init; }

    /// <summary>Its runs on machines, oldest first.</summary>
    [Id(11)] public ImmutableArray<OperationRunView> Runs { get; init; }

    /// <summary>
    /// When a manager chose its machine (null when the plan did): re-plans keep it there while that machine is available.
    /// </summary>
    [Id(12)] public DateTimeOffset? ManagerAssignedAt { get; init; }

    /// <summary>The earliest start a manager gave it (a Gantt bar dragged to a later time); null for as soon as possible.</summary>
    [Id(13)] public DateTimeOffset? NotBefore { get; init; }
}
