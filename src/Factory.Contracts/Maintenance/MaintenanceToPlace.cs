namespace Factory.Contracts.Maintenance;

/// <summary>
/// A due maintenance order without a window, as the maintenance grain hands it to the dispatcher to place (see
/// <see cref="Factory.Domain.Maintenance.MaintenanceScheduling.IsToPlace"/>): the dispatcher turns it into a scheduling task
/// in its due window, with a worker holding <paramref name="Skill"/> when one is named.
/// </summary>
/// <param name="OrderId">The maintenance order (also the task's id in the plan).</param>
/// <param name="DurationSeconds">Its estimated duration: how long the machine is down.</param>
/// <param name="RequestedAt">It is not placed before its request.</param>
/// <param name="DueBy">It must be done by then (as soon as possible when that is past).</param>
/// <param name="Skill">The skill (or certification) its worker needs, or null when no worker is booked.</param>
[GenerateSerializer, Immutable, Alias("factory.maintenance-to-place")]
public sealed record MaintenanceToPlace(
    [property: Id(0)] string OrderId,
    [property: Id(1)] string MachineId,
    [property: Id(2)] double DurationSeconds,
    [property: Id(3)] DateTimeOffset RequestedAt,
    [property: Id(4)] DateTimeOffset DueBy,
    [property: Id(5)] string? Skill)
{
    /// <summary>What the dispatcher needs of <paramref name="order"/>, an order to place.</summary>
    public static MaintenanceToPlace From(Factory.Domain.Maintenance.MaintenanceOrder order)
    {
        ArgumentNullException.ThrowIfNull(order);
        return new(order.Id, order.MachineId, order.EstimatedDuration.TotalSeconds, order.RequestedAt,
            order.DueBy ?? throw new ArgumentException($"maintenance order {order.Id} has no due time", nameof(order)),
            Factory.Domain.Maintenance.MaintenanceScheduling.WorkerSkill(order.Skill, order.Certification));
    }
}
