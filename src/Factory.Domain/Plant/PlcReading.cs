using Factory.Domain.PackMl;

namespace Factory.Domain.Plant;

/// <summary>
/// What one batch of PLC values says about the machine itself (its process values and counters are the telemetry view's
/// business). Null fields did not change in the batch.
/// </summary>
/// <param name="Source">The endpoint the values came from.</param>
/// <param name="StateAt">When the PLC entered <paramref name="State"/>: its own timestamp for it, else the batch's.</param>
/// <param name="Quality">Worst quality of the batch.</param>
/// <param name="QualityReason">Why the quality is not Good when a value made it so; ignored while it is Good.</param>
/// <param name="JobId">The job the PLC says it runs ("" for none).</param>
/// <param name="JobGood">Good parts the PLC made for the job it runs.</param>
/// <param name="JobComplete">The PLC's job-complete flag.</param>
public sealed record PlcReading(
    string Source,
    PackMlState? State,
    DateTimeOffset StateAt,
    UnitMode? Mode,
    DataQuality Quality,
    string? QualityReason,
    string? JobId,
    long? JobGood,
    bool? JobComplete);
