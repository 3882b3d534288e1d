namespace Factory.Domain;

/// <summary>
/// The plant's clock: what "now" is for machines, work, shifts, plans and KPIs. Real time, or a faster one for demos and
/// tests (the simulator's speed). A type of its own so that the plant's time is asked for by name: the runtime underneath
/// (Orleans' membership and timers, leases, the wire's timeouts) keeps real time whatever the plant does.
/// </summary>
public sealed class PlantClock(TimeProvider time) : TimeProvider
{
    /// <summary>The plant in real time.</summary>
    public static PlantClock RealTime { get; } = new(TimeProvider.System);

    /// <summary>The time source underneath (the real clock, or a scaled one).</summary>
    public TimeProvider Time { get; } = time ?? throw new ArgumentNullException(nameof(time));

    public override DateTimeOffset GetUtcNow() => Time.GetUtcNow();

    public override TimeZoneInfo LocalTimeZone => Time.LocalTimeZone;

    public override long TimestampFrequency => Time.TimestampFrequency;

    public override long GetTimestamp() => Time.GetTimestamp();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        Time.CreateTimer(callback, state, dueTime, period);
}
