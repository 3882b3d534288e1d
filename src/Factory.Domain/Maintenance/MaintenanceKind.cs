namespace Factory.Domain.Maintenance;

/// <summary>Why a maintenance work order exists.</summary>
public enum MaintenanceKind
{
    /// <summary>Repairs a failure (linked to the downtime interval or alarm that caused it, when known).</summary>
    Corrective = 1,

    /// <summary>Keeps a machine from failing; created by hand or by a maintenance plan falling due.</summary>
    Preventive = 2,
}
