namespace Factory.Grains;

/// <summary>
/// The first claim of an event's notifications wins. The claim lives in memory only: the hosts of a cluster ask within
/// milliseconds of each other (each as its own feed delivers the event), long before an idle activation is collected.
/// Should the activation be lost in between (its silo died), a second host may also send: delivery stays at least once.
/// </summary>
public sealed class NotificationClaimGrain : Grain, INotificationClaimGrain
{
    private string? _claimant;

    public Task<bool> Claim(string claimant)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(claimant);
        _claimant ??= claimant;
        return Task.FromResult(_claimant == claimant);
    }
}
