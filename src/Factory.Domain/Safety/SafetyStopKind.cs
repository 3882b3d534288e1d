namespace Factory.Domain.Safety;

/// <summary>What tripped a safety stop.</summary>
public enum SafetyStopKind
{
    EmergencyStop = 1,
    GuardOpen = 2,
    LightCurtain = 3,
    Other = 4,
}
