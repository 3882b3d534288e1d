using Microsoft.Extensions.Logging;
using Orleans.Utilities;

namespace Factory.Grains;

/// <summary>
/// Relays a site's events to one feed per silo. It holds no state worth saving: every feed joins again every few
/// seconds and at once when a silo dies; a feed that finds a new activation (the answer of <see cref="Join"/>)
/// resends the site's current state to its clients, so what the lost activation dropped is not missed.
/// </summary>
public sealed class PlantFeedGrain(ILogger<PlantFeedGrain> logger) : Grain, IPlantFeedGrain
{
    /// <summary>A silo that stops refreshing its subscription is forgotten after this long.</summary>
    public static readonly TimeSpan SubscriptionLifetime = TimeSpan.FromMinutes(2);

    private readonly ObserverManager<IPlantObserver> _observers = new(SubscriptionLifetime, logger);
    private readonly Guid _activation = Guid.NewGuid();

    public Task Subscribe(IPlantObserver observer)
    {
        _observers.Subscribe(observer, observer);
        return Task.CompletedTask;
    }

    public Task<Guid> Join(IPlantObserver observer)
    {
        _observers.Subscribe(observer, observer);
        return Task.FromResult(_activation);
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
