namespace Factory.Contracts.Views;

/// <summary>
/// A batch of PLC values for one machine, as one grain call (the connector never calls a grain per tag).
/// Null fields did not change in this batch. Timestamps are the OPC UA SourceTimestamps.
/// </summary>
/// <param name="Source">The endpoint the values came from.</param>
/// <param name="StateAt">When the PLC entered <paramref name="State"/> (its SourceTimestamp).</param>
/// <param name="Quality">Worst OPC UA status of the batch (Good, Uncertain or Bad).</param>
/// <param name="TagCount">How many tag values the batch carries (for throughput figures).</param>
/// <param name="JobId">The job the PLC says it runs ("" for none), when its tag map reads one and it changed in this batch.</param>
/// <param name="JobComplete">The PLC's job-complete flag, when its tag map reads one and it changed in this batch.</param>
[GenerateSerializer, Immutable, Alias("factory.machine-telemetry")]
public sealed record MachineTelemetry(
    [property: Id(0)] string Source,
    [property: Id(1)] PackMlState? State,
    [property: Id(2)] DateTimeOffset? StateAt,
    [property: Id(3)] UnitMode? Mode,
    [property: Id(4)] long? ProducedCount,
    [property: Id(5)] long? GoodCount,
    [property: Id(6)] long? ScrapCount,
    [property: Id(7)] double? Speed,
    [property: Id(8)] double? Setpoint,
    [property: Id(9)] ImmutableDictionary<string, double>? Temperatures,
    [property: Id(10)] ImmutableDictionary<string, string>? Tags,
    [property: Id(11)] DataQuality Quality,
    [property: Id(12)] DateTimeOffset SourceTimestamp,
    [property: Id(13)] int TagCount,
    [property: Id(14)] string? JobId = null,
    [property: Id(15)] bool? JobComplete = null)
{
    /// <summary>Why the batch's quality is not Good when a value (not its OPC UA status) made it so, e.g. a state the machine's table does not know.</summary>
    [Id(16)]
    public string? QualityReason { get; init; }

    /// <summary>Good parts the PLC made for the job it runs, when its tag map reads them and they changed in this batch.</summary>
    [Id(17)]
    public long? JobGood { get; init; }

    /// <summary>
    /// Alarm bits, extra and heartbeat tags whose values are numbers or booleans (true is 1), as numbers, when they changed
    /// in this batch; <see cref="Tags"/> holds the ones whose values are text. A number is never turned into text and back.
    /// </summary>
    [Id(18)]
    public ImmutableDictionary<string, double>? Numbers { get; init; }

    /// <summary>What the batch says of the machine itself, for its rules (the state dated by the PLC when it dated it).</summary>
    public PlcReading ToReading() =>
        new(Source, State, StateAt ?? SourceTimestamp, Mode, Quality, QualityReason, JobId, JobGood, JobComplete);
}
