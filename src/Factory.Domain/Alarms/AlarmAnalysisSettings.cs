namespace Factory.Domain.Alarms;

/// <summary>
/// Thresholds for alarm analytics, defaulting to ISA-18.2 practice: a flood is 10 or more alarms in
/// 10 minutes in one operator area; chattering is 3 or more activations of one alarm in a minute; an alarm
/// active for more than 24 hours is stale.
/// </summary>
public sealed record AlarmAnalysisSettings(
    int FloodThreshold = 10,
    TimeSpan? FloodWindow = null,
    int ChatterActivations = 3,
    TimeSpan? ChatterWindow = null,
    TimeSpan? StaleAfter = null)
{
    public static AlarmAnalysisSettings Default { get; } = new();

    public TimeSpan Flood => FloodWindow ?? TimeSpan.FromMinutes(10);

    public TimeSpan Chatter => ChatterWindow ?? TimeSpan.FromMinutes(1);

    public TimeSpan Stale => StaleAfter ?? TimeSpan.FromHours(24);
}
