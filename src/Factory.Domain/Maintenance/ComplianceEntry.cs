namespace Factory.Domain.Maintenance;

/// <summary>One order counted for compliance: when it should have been done, and whether it was.</summary>
public sealed record ComplianceEntry(MaintenanceOrder Order, DateTimeOffset Deadline, ComplianceOutcome Outcome);
