namespace Factory.OpcUa.Client;

/// <summary>Which of the Part 4 §6.7 recovery paths restored the session.</summary>
public enum RecoveryPath
{
    /// <summary>New channel, ActivateSession on the existing session, Republish.</summary>
    Reactivated,

    /// <summary>New session, TransferSubscriptions, Republish.</summary>
    Transferred,

    /// <summary>New session, subscriptions and monitored items created again, current values read.</summary>
    Recreated,
}
