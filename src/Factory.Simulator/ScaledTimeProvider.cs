namespace Factory.Simulator;

/// <summary>
/// A plant clock that runs <see cref="Speed"/> times faster than real time from the moment it is made (60: one plant
/// hour per real minute), for demos and tests. Only the time of day is scaled: timers and timestamps stay real, so
/// timeouts, keep-alives and screen refreshes keep their real pace while the plant — its cycle times, failures, shifts,
/// due dates and KPI windows — runs fast.
/// </summary>
public sealed class ScaledTimeProvider : TimeProvider
{
    private readonly TimeProvider _real;
    private readonly DateTimeOffset _realStart;
    private readonly DateTimeOffset _plantStart;

    public ScaledTimeProvider(TimeProvider real, double speed)
    {
        ArgumentNullException.ThrowIfNull(real);
        if (!double.IsFinite(speed) || speed <= 0 || speed > 10_000)
        {
            throw new ArgumentOutOfRangeException(nameof(speed), speed, "the plant clock's speed must be above 0 and at most 10000");
        }

        _real = real;
        Speed = speed;
        _realStart = _plantStart = real.GetUtcNow();
    }

    /// <summary>Plant seconds per real second.</summary>
    public double Speed { get; }

    public override TimeZoneInfo LocalTimeZone => _real.LocalTimeZone;

    public override long TimestampFrequency => _real.TimestampFrequency;

    public override DateTimeOffset GetUtcNow() => _plantStart + ((_real.GetUtcNow() - _realStart) * Speed);

    public override long GetTimestamp() => _real.GetTimestamp();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        _real.CreateTimer(callback, state, dueTime, period);
}
