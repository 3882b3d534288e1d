namespace Factory.Domain.Oee;

/// <summary>Why production is planned not to run.</summary>
public enum PlannedStopKind
{
    Break = 1,
    PlannedMaintenance = 2,
    Other = 3,
}
