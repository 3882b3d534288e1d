namespace Factory.Contracts.Views;

/// <summary>A machine's latest process values.</summary>
/// <param name="Speed">Current speed in items per minute.</param>
/// <param name="Setpoint">Speed setpoint in items per minute.</param>
/// <param name="Temperatures">Named temperatures in °C.</param>
/// <param name="Tags">Any further named tag whose value is text, by its tag-map name (numbers are in <see cref="Numbers"/>).</param>
/// <param name="SourceTimestamp">Timestamp of the newest value, as the source stamped it.</param>
/// <param name="CountersAt">When the part counters were last read from the machine's source; null while they were never read
/// (then the counters are not the PLC's, and nothing may be counted from them).</param>
[GenerateSerializer, Immutable, Alias("factory.telemetry-view")]
public sealed record TelemetryView(
    [property: Id(0)] double Speed,
    [property: Id(1)] double Setpoint,
    [property: Id(2)] long ProducedCount,
    [property: Id(3)] long GoodCount,
    [property: Id(4)] long ScrapCount,
    [property: Id(5)] ImmutableDictionary<string, double> Temperatures,
    [property: Id(6)] ImmutableDictionary<string, string> Tags,
    [property: Id(7)] DateTimeOffset? SourceTimestamp,
    [property: Id(8)] DateTimeOffset? CountersAt = null)
{
    /// <summary>Any further named tag whose value is a number or a boolean (true is 1): alarm bits, extra tags, the heartbeat.</summary>
    [Id(9)]
    public ImmutableDictionary<string, double> Numbers { get; init; } = ImmutableDictionary<string, double>.Empty;

    /// <summary>
    /// This view with a batch's values taken: what the batch does not carry (null, or a tag it does not name) stays as
    /// it was; a tag whose value changed type (a number, then text) is kept only in the dictionary of its newest value;
    /// the source timestamp never goes back; the counters count as read only when the batch carries one of them.
    /// </summary>
    public TelemetryView Taking(MachineTelemetry batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var countersRead = batch.ProducedCount is not null || batch.GoodCount is not null || batch.ScrapCount is not null;
        var text = batch.Tags ?? ImmutableDictionary<string, string>.Empty;
        var numbers = batch.Numbers ?? ImmutableDictionary<string, double>.Empty;
        return this with
        {
            Speed = batch.Speed ?? Speed,
            Setpoint = batch.Setpoint ?? Setpoint,
            ProducedCount = batch.ProducedCount ?? ProducedCount,
            GoodCount = batch.GoodCount ?? GoodCount,
            ScrapCount = batch.ScrapCount ?? ScrapCount,
            Temperatures = batch.Temperatures is { Count: > 0 } temperatures ? Temperatures.SetItems(temperatures) : Temperatures,
            Tags = numbers.Count > 0 && Tags.Count > 0 ? Tags.RemoveRange(numbers.Keys).SetItems(text) : text.Count > 0 ? Tags.SetItems(text) : Tags,
            Numbers = text.Count > 0 && Numbers.Count > 0 ? Numbers.RemoveRange(text.Keys).SetItems(numbers) : numbers.Count > 0 ? Numbers.SetItems(numbers) : Numbers,
            SourceTimestamp = batch.SourceTimestamp > (SourceTimestamp ?? DateTimeOffset.MinValue) ? batch.SourceTimestamp : SourceTimestamp,
            CountersAt = countersRead ? batch.SourceTimestamp : CountersAt,
        };
    }

    public static TelemetryView Empty { get; } = new(0, 0, 0, 0, 0,
        ImmutableDictionary<string, double>.Empty, ImmutableDictionary<string, string>.Empty, null);
}
