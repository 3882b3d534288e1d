using System.Collections.Concurrent;
using Factory.Host.Plant;
using Factory.Host.Telemetry;
using Microsoft.AspNetCore.SignalR;

namespace Factory.Host.Hub;

/// <summary>
/// This silo's feed: one observer that receives every event of the plant's sites from the relay grains
/// and forwards it to the hub groups of the clients connected here.
/// </summary>
/// <remarks>
/// A relay lives on one silo. When that silo dies, the relay comes back empty on another one, and events published
/// in between are gone. The feed joins every relay again at once when membership reports a dead silo (and every
/// <see cref="RefreshPeriod"/> in any case); a relay that answers with a new activation id was lost, so the feed sends
/// the site's current machines, lines, work orders and workers to its clients as deltas. A client drops those it
/// already has (not newer), applies the next version, and resubscribes on a gap: nothing missed stays missed.
/// </remarks>
public sealed class PlantFeed(
    IGrainFactory grains,
    IHubContext<PlantHub, IPlantClient> hub,
    PlantCatalog catalog,
    PlantQueries queries,
    Production.LiveKpiFeed liveKpis,
    Costs.CostFeed costFeed,
    Notifications.NotificationIntake notifications,
    IClusterMembershipService membership,
    ILogger<PlantFeed> logger) : BackgroundService, IPlantObserver
{
    /// <summary>How often the feed joins the relays when nothing happens (it also keeps them active).</summary>
    public static readonly TimeSpan RefreshPeriod = TimeSpan.FromSeconds(5);

    /// <summary>How soon a join that failed (a relay being moved off a dead silo) is tried again.</summary>
    private static readonly TimeSpan RetryPeriod = TimeSpan.FromMilliseconds(250);

    private readonly ConcurrentDictionary<string, Guid> _relays = new(StringComparer.Ordinal);
    private readonly HashSet<string> _unjoined = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _wake = new(0, 1);
    private IPlantObserver? _reference;
    private IReadOnlyList<string> _sites = [];
    private volatile bool _subscribed;

    /// <summary>True once the feed has subscribed to every site at least once.</summary>
    public bool IsSubscribed => _subscribed;

    public Task OnPlantEvent(PlantEvent plantEvent)
    {
        if (plantEvent is MachineLogChanged m)
        {
            liveKpis.MarkDirty(m.Machine);
            return Task.CompletedTask;
        }

        notifications.Observe(plantEvent);
        var groups = HubGroups.For(plantEvent);
        FactoryMetrics.HubSent(plantEvent.Kind, groups.Count);
        var clients = hub.Clients.Groups(groups);
        return plantEvent switch
        {
            MachineChanged e => clients.MachineChanged(e),
            LineChanged e => clients.LineChanged(e),
            WorkOrderChanged e => Task.WhenAll(clients.WorkOrderChanged(e), costFeed.OrderChanged(e)),
            WorkerChanged e => clients.WorkerChanged(e),
            PlanChanged e => clients.PlanChanged(e),
            ProposalChanged e => clients.ProposalChanged(e),
            ConnectionChanged e => clients.ConnectionChanged(e),
            AlarmChanged e => clients.AlarmChanged(e),
            SafetyEventRaised e => clients.SafetyEvent(e),
            _ => Task.CompletedTask,
        };
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _reference = grains.CreateObjectReference<IPlantObserver>(this);
        _sites = await catalog.SiteIds.WaitAsync(stoppingToken);
        var watching = WatchMembershipAsync(stoppingToken);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var allJoined = await JoinAllAsync(_reference, stoppingToken);
                _subscribed = true;
                await _wake.WaitAsync(allJoined ? RefreshPeriod : RetryPeriod, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // shutting down
        }

        await watching;
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        if (_reference is not { } reference)
        {
            return;
        }

        // Leave the relays, so they stop sending to a silo that is going away (rather than failing on it until it expires).
        try
        {
            await Task.WhenAll(_sites.Select(site => grains.GetGrain<IPlantFeedGrain>(site).Unsubscribe(reference)))
                .WaitAsync(TimeSpan.FromSeconds(2), cancellationToken);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            logger.LogDebug("Could not leave the site relays on shutdown: {Error}", e.Message);
        }

        try
        {
            grains.DeleteObjectReference<IPlantObserver>(reference);
        }
        catch (ArgumentException e)
        {
            // The co-hosted silo stopped first and took its object references with it: nothing is left to delete.
            logger.LogDebug("Observer reference already gone on shutdown: {Error}", e.Message);
        }
    }

    /// <summary>Joins every site's relay; false when some could not be reached.</summary>
    private async Task<bool> JoinAllAsync(IPlantObserver reference, CancellationToken stoppingToken)
    {
        var allJoined = true;
        foreach (var site in _sites)
        {
            stoppingToken.ThrowIfCancellationRequested();
            try
            {
                var relay = await grains.GetGrain<IPlantFeedGrain>(site).Join(reference);
                var lost = _relays.TryGetValue(site, out var known) && known != relay;
                // A relay that could not be reached for a while may have dropped this feed, or events for it.
                lost |= _unjoined.Remove(site);
                _relays[site] = relay;
                if (lost)
                {
                    await CatchUpAsync(site);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                allJoined = false;
                if (_relays.ContainsKey(site) && _unjoined.Add(site))
                {
                    logger.LogWarning("Could not join the relay of site {Site}: {Error}; trying again", site, e.Message);
                }
                else if (!_relays.ContainsKey(site))
                {
                    logger.LogWarning(e, "Could not subscribe the feed to site {Site}; retrying", site);
                }
            }
        }

        return allJoined;
    }

    /// <summary>Sends the site's current state to its groups as deltas (clients keep what they already have).</summary>
    private async Task CatchUpAsync(string site)
    {
        logger.LogWarning("The relay of site {Site} was lost (its silo died or it restarted); resending the site's current state to this host's clients", site);
        FactoryMetrics.FeedResynced(site);
        var lines = queries.LinesAsync(site);
        var machines = queries.MachinesAsync(site);
        var orders = queries.WorkOrdersAsync(site);
        var workers = queries.WorkersAsync(site);
        var events = new List<PlantEvent>();
        events.AddRange((await machines).Select(m => new MachineChanged(m)));
        events.AddRange((await lines).Select(l => new LineChanged(l)));
        events.AddRange((await orders).Select(o => new WorkOrderChanged(o)));
        events.AddRange((await workers).Select(w => new WorkerChanged(w)));
        await Task.WhenAll(events.Select(OnPlantEvent));
    }

    /// <summary>Wakes the join loop as soon as membership reports a silo dead: its relays are being moved.</summary>
    private async Task WatchMembershipAsync(CancellationToken stoppingToken)
    {
        var dead = new HashSet<SiloAddress>();
        try
        {
            await foreach (var snapshot in membership.MembershipUpdates.WithCancellation(stoppingToken))
            {
                var newlyDead = snapshot.Members.Values.Where(m => m.Status == SiloStatus.Dead && dead.Add(m.SiloAddress)).ToList();
                if (newlyDead.Count > 0 && _subscribed)
                {
                    logger.LogInformation("Silo {Silo} is dead; joining the site relays again now", string.Join(", ", newlyDead.Select(m => m.SiloAddress)));
                    Wake();
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // shutting down
        }
    }

    private void Wake()
    {
        try
        {
            _wake.Release();
        }
        catch (SemaphoreFullException)
        {
            // already woken
        }
    }

    public override void Dispose()
    {
        _wake.Dispose();
        base.Dispose();
    }
}
