using Factory.Contracts.Specs;
using System.Text.Json.Serialization;

namespace Factory.Contracts.Views;

/// <summary>
/// Everything a screen shows of one machine: its spec as the machine stands (<see cref="MachineSpec.Source"/> is the
/// endpoint whose data it takes, null until a PLC's data arrives) plus where it stands. <see cref="Version"/> grows by one
/// with every change.
/// </summary>
[GenerateSerializer, Immutable, Alias("factory.machine-view")]
public sealed record MachineView : MachineSpec
{
    /// <summary>A view of the machine <paramref name="spec"/> defines; the caller sets where it stands.</summary>
    public MachineView(MachineSpec spec)
        : base(spec)
    {
    }

    [JsonConstructor]
    private MachineView()
    {
    }

    /// <summary>Its PackML state now (<see cref="MachineSpec.InitialState"/> is the one it was defined to start in).</summary>
    [Id(0)] public required PackMlState State { get; init; }

    /// <summary>When the current PackML state began (source time when it came from a PLC).</summary>
    [Id(1)] public required DateTimeOffset StateSince { get; init; }

    [Id(2)] public required UnitMode Mode { get; init; }

    [Id(3)] public required DataQuality Quality { get; init; }

    [Id(4)] public required DateTimeOffset QualitySince { get; init; }

    [Id(5)] public required string? FaultReason { get; init; }

    [Id(6)] public required TelemetryView Telemetry { get; init; }

    /// <summary>The work order of the job it holds (released or running), or null.</summary>
    [Id(7)] public required string? CurrentWorkOrderId { get; init; }

    [Id(8)] public required int? CurrentOperation { get; init; }

    [Id(9)] public required bool Available { get; init; }

    /// <summary>Why it may not take new work, or null when it may.</summary>
    [Id(10)] public required string? UnavailableReason { get; init; }

    [Id(11)] public required long Version { get; init; }

    /// <summary>The job it holds (released, running, or finished until the next one), or null.</summary>
    [Id(12)] public JobView? Job { get; init; }

    /// <summary>Why <see cref="Quality"/> is not Good, when the source said or the connector knows; else null.</summary>
    [Id(13)] public string? QualityReason { get; init; }
}
