using Factory.Contracts.Events;

namespace Factory.Contracts.Grains;

/// <summary>
/// Fans a site's events out to the feed of every silo (DESIGN.md: grain → per-silo feed → hub groups),
/// so a hub client sees changes whichever silo the changed grain lives on. Keyed by site id.
/// </summary>
public interface IPlantFeedGrain : IGrainWithStringKey
{
    /// <summary>Adds or refreshes a silo's feed; subscriptions expire unless refreshed.</summary>
    Task Subscribe(IPlantObserver observer);

    /// <summary>
    /// Adds or refreshes a silo's feed like <see cref="Subscribe"/>, and answers this relay activation's id. A feed
    /// that gets a different id than last time knows the relay was lost (its silo died, or it was deactivated) and
    /// that events published since may not have reached it, so it resends the current state to its clients.
    /// </summary>
    Task<Guid> Join(IPlantObserver observer);

    /// <summary>Removes a silo's feed.</summary>
    Task Unsubscribe(IPlantObserver observer);

    /// <summary>Publishes an event to every subscribed feed.</summary>
    [OneWay]
    Task Publish(PlantEvent plantEvent);
}
