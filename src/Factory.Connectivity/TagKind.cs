namespace Factory.Connectivity;

/// <summary>What a subscribed tag means for its machine.</summary>
public enum TagKind
{
    State,
    Mode,
    Produced,
    Good,
    Scrap,
    Speed,
    Setpoint,
    Temperature,
    Alarm,
    Extra,
}
