namespace Factory.Contracts.Views;

/// <summary>Everything a screen shows of one machine. <see cref="Version"/> grows by one with every change.</summary>
/// <param name="StateSince">When the current PackML state began (source time when it came from a PLC).</param>
/// <param name="UnavailableReason">Why it may not take new work, or null when it may.</param>
/// <param name="Source">The OPC UA endpoint that feeds it, or null when it is driven through the API.</param>
/// <param name="CurrentWorkOrderId">The work order of the job it holds (released or running), or null.</param>
/// <param name="Job">The job it holds (released, running, or finished until the next one), or null.</param>
/// <param name="QualityReason">Why <paramref name="Quality"/> is not Good, when the source said or the connector knows; else null.</param>
[GenerateSerializer, Immutable, Alias("factory.machine-view")]
public sealed record MachineView(
    [property: Id(0)] string Id,
    [property: Id(1)] string SiteId,
    [property: Id(2)] string LineId,
    [property: Id(3)] string Name,
    [property: Id(4)] ImmutableArray<string> Capabilities,
    [property: Id(5)] double IdealCycleTimeSeconds,
    [property: Id(6)] bool HoldExtensions,
    [property: Id(7)] PackMlState State,
    [property: Id(8)] DateTimeOffset StateSince,
    [property: Id(9)] UnitMode Mode,
    [property: Id(10)] DataQuality Quality,
    [property: Id(11)] DateTimeOffset QualitySince,
    [property: Id(12)] string? FaultReason,
    [property: Id(13)] TelemetryView Telemetry,
    [property: Id(14)] string? CurrentWorkOrderId,
    [property: Id(15)] int? CurrentOperation,
    [property: Id(16)] bool Available,
    [property: Id(17)] string? UnavailableReason,
    [property: Id(18)] long Version,
    [property: Id(19)] string? Source = null,
    [property: Id(20)] JobView? Job = null,
    [property: Id(21)] string? QualityReason = null);
