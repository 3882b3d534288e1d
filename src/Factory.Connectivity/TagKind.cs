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

    /// <summary>A value the PLC changes while it runs (a watchdog counter or toggle): when mapped, staleness is judged by it alone.</summary>
    Heartbeat,

    /// <summary>The job the PLC says it runs (see <see cref="JobTags"/>).</summary>
    JobId,

    /// <summary>The PLC's job-complete flag.</summary>
    JobComplete,

    /// <summary>Good parts the PLC made for the job it runs.</summary>
    JobGood,
}
