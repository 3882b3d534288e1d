namespace Factory.Domain.Safety;

/// <summary>How serious a health and safety incident was.</summary>
public enum IncidentSeverity
{
    NearMiss = 1,
    FirstAid = 2,
    MedicalTreatment = 3,
    LostTime = 4,
    Serious = 5,
}
