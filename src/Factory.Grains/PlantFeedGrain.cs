using Microsoft.Extensions.Logging;
using Orleans.Utilities;

namespace Factory.Grains;

/// <summary>
/// Relays a site's events to one feed per silo. It holds no state worth saving: silos re-subscribe
/// periodically, so a relay that moved or restarted is refilled within one refresh period.
/// </summary>
public sealed class PlantFeedGrain(ILogger<PlantFeedGrain> logger) : Grain, IPlantFeedGrain
{
    /// <summary>A silo that stops refreshing its subscription is forgotten after this long.</summary>
    public static readonly TimeSpan SubscriptionLifetime = TimeSpan.FromMinutes(2);

    private readonly ObserverManager<IPlantObserver> _observers = new(SubscriptionLifetime, logger);

    public Task Subscribe(IPlantObserver observer)
    {
        _observers.Subscribe(observer, observer);
        return Task.CompletedTask;
    }

    public Task Unsubscribe(IPlantObserver observer)
    {
        _observers.Unsubscribe(observer);
        return Task.CompletedTask;
    }

    public Task Publish(PlantEvent plantEvent)
    {
        _observers.Notify(o => o.OnPlantEvent(plantEvent));
        return Task.CompletedTask;
    }
}
