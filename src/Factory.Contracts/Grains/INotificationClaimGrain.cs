namespace Factory.Contracts.Grains;

/// <summary>
/// Who sends the notifications of one plant event (keyed by the event's key). Every host of a cluster hears every
/// event from its feed; the first host to claim it plans and sends it, the others leave it, so a cluster of two does
/// not send twice.
/// </summary>
[Alias("factory.notification-claim-grain")]
public interface INotificationClaimGrain : IGrainWithStringKey
{
    /// <summary>True when <paramref name="claimant"/> is the one to send the event (the first to ask, or the same again).</summary>
    [Alias("Claim")]
    Task<bool> Claim(string claimant);
}
