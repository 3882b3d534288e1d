namespace Factory.Domain.Alarms;

/// <summary>
/// Decides from a tag value whether an alarm condition is active. The deadband keeps a value hovering at the
/// limit from making the alarm chatter: it clears only once the value is back past the limit by the deadband.
/// </summary>
public sealed record AlarmCondition(AlarmConditionKind Kind, double Limit = 0, double Deadband = 0)
{
    /// <summary>A PLC alarm bit.</summary>
    public static AlarmCondition Bit { get; } = new(AlarmConditionKind.Bit);

    /// <summary>Whether the condition is active for <paramref name="value"/>, given whether it is active now. NaN keeps the current state.</summary>
    public bool IsActive(double value, bool activeNow)
    {
        if (double.IsNaN(value))
        {
            return activeNow;
        }

        var band = Math.Abs(Deadband);
        return Kind switch
        {
            AlarmConditionKind.High => activeNow ? value > Limit - band : value > Limit,
            AlarmConditionKind.Low => activeNow ? value < Limit + band : value < Limit,
            _ => value != 0,
        };
    }
}
