using Factory.Domain.Maintenance;

namespace Factory.Contracts.Maintenance;

/// <summary>What a caller gives to request a maintenance work order (the grain stamps the time and the requester).</summary>
[GenerateSerializer, Immutable, Alias("factory.maintenance-order-spec")]
public sealed record MaintenanceOrderSpec(
    [property: Id(0)] string Id,
    [property: Id(1)] string MachineId,
    [property: Id(2)] MaintenanceKind Kind,
    [property: Id(3)] string Reason,
    [property: Id(4)] ImmutableArray<string> Tasks,
    [property: Id(5)] string? Skill,
    [property: Id(6)] string? Certification,
    [property: Id(7)] double EstimatedSeconds,
    [property: Id(8)] string? SpareParts,
    [property: Id(9)] DateTimeOffset? DowntimeStart,
    [property: Id(10)] string? AlarmId,
    [property: Id(11)] DateTimeOffset? DueBy)
{
    /// <summary>The draft order; durations outside what a <see cref="TimeSpan"/> holds become zero, which validation refuses.</summary>
    public MaintenanceOrder ToDraft(string requestedBy, DateTimeOffset at) => new(
        Id, MachineId, Kind, Reason, Tasks, Skill, Certification, Seconds(EstimatedSeconds), SpareParts,
        MaintenanceStatus.Requested, at, requestedBy, DowntimeStart: DowntimeStart, AlarmId: AlarmId, DueBy: DueBy);

    internal static TimeSpan Seconds(double seconds) =>
        double.IsFinite(seconds) && seconds > 0 && seconds < TimeSpan.MaxValue.TotalSeconds / 2 ? TimeSpan.FromSeconds(seconds) : TimeSpan.Zero;
}
