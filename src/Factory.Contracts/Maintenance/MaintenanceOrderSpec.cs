using Factory.Domain.Maintenance;

namespace Factory.Contracts.Maintenance;

/// <summary>
/// What a caller gives to request a maintenance work order (the grain stamps the time and the requester). Not sealed: a
/// <see cref="MaintenanceOrderView"/> is its spec plus where the order stands.
/// </summary>
[GenerateSerializer, Immutable, Alias("factory.maintenance-order-spec")]
public record MaintenanceOrderSpec(
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
    /// <summary>For a view read back from JSON: the reader sets every property after.</summary>
    protected MaintenanceOrderSpec()
        : this("", "", default, "", [], null, null, 0, null, null, null, null)
    {
    }

    /// <summary>What was asked for in <paramref name="o"/>, without where it stands.</summary>
    public static MaintenanceOrderSpec Of(MaintenanceOrder o) => new(
        o.Id, o.MachineId, o.Kind, o.Reason, o.Tasks.IsDefault ? [] : o.Tasks, o.Skill, o.Certification, o.EstimatedDuration.TotalSeconds,
        o.SpareParts, o.DowntimeStart, o.AlarmId, o.DueBy);

    /// <summary>The draft order; durations outside what a <see cref="TimeSpan"/> holds become zero, which validation refuses.</summary>
    public MaintenanceOrder ToDraft(string requestedBy, DateTimeOffset at) => new(
        Id, MachineId, Kind, Reason, Tasks, Skill, Certification, Seconds(EstimatedSeconds), SpareParts,
        MaintenanceStatus.Requested, at, requestedBy, DowntimeStart: DowntimeStart, AlarmId: AlarmId, DueBy: DueBy);

    internal static TimeSpan Seconds(double seconds) =>
        double.IsFinite(seconds) && seconds > 0 && seconds < TimeSpan.MaxValue.TotalSeconds / 2 ? TimeSpan.FromSeconds(seconds) : TimeSpan.Zero;
}
