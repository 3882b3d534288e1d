namespace Factory.Domain.Maintenance;

/// <summary>Where a maintenance plan stands against its threshold.</summary>
/// <param name="IsDue">The plan has reached its interval: a preventive order should exist.</param>
/// <param name="Used">What was counted since the plan's anchor, in the plan's unit (hours, cycles or days).</param>
/// <param name="Remaining">What is left until it is due, in the same unit (0 when due).</param>
/// <param name="NextDueAt">When it falls due, when that is known from the calendar; null for use-based plans.</param>
public sealed record MaintenanceDue(bool IsDue, double Used, double Remaining, DateTimeOffset? NextDueAt);
