using Factory.Contracts.Production;

namespace Factory.Host.Alarms;

/// <summary>What an alarm command came to: the alarm after it, or why it was refused.</summary>
/// <param name="Alarm">The alarm after an accepted command; null when refused.</param>
/// <param name="Refused">How it was refused (not found, invalid, conflict), or null when accepted or forbidden.</param>
/// <param name="Forbidden">True when the user may not act on the alarm's machine or give this command.</param>
/// <param name="Reason">Why it was refused, in the words the caller sees.</param>
/// <param name="Field">The request field at fault when the request lacks what the command needs.</param>
public sealed record AlarmCommandOutcome(AlarmView? Alarm, RefusalKind? Refused, bool Forbidden, string? Reason, string? Field = null);
