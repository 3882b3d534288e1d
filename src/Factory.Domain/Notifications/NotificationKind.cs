namespace Factory.Domain.Notifications;

/// <summary>What kind of plant event a notification rule listens for.</summary>
public enum NotificationKind
{
    /// <summary>An alarm became active (it must be seen and acknowledged).</summary>
    AlarmRaised = 1,

    /// <summary>A safety stop began on a machine (e-stop, guard, light curtain).</summary>
    SafetyStop = 2,

    /// <summary>An operator pulled the andon at a machine (material, quality, maintenance, help).</summary>
    AndonCall = 3,

    /// <summary>A work order will miss its due date (its live ETA is after it), or has missed it.</summary>
    OrderAtRisk = 4,
}
