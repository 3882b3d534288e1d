namespace Factory.Domain.Alarms;

/// <summary>What an operator calls for with the andon at the machine.</summary>
public enum AndonKind
{
    /// <summary>The machine needs material (or is about to run out).</summary>
    Material = 1,

    /// <summary>A quality problem: the parts are suspect.</summary>
    Quality = 2,

    /// <summary>The machine needs a maintenance technician.</summary>
    Maintenance = 3,

    /// <summary>Any other help (supervisor, team lead).</summary>
    Help = 4,
}
