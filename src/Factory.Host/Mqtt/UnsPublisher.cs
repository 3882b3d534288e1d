using System.Collections.Concurrent;
using Factory.Host.Cluster;
using Factory.Host.Plant;
using Factory.Host.Production;
using Microsoft.Extensions.Options;

namespace Factory.Host.Mqtt;

/// <summary>
/// Publishes the plant's context as a Unified Namespace over MQTT (<c>Factory:Mqtt:Uns</c>). Like the hub's feed it is a
/// silo-level subscriber of every site's events (and of the live KPI deltas), never called by a grain. In a cluster each
/// site is published by one host only: the holder of the site's <c>uns:{site}</c> lease (the same leases that give each
/// PLC endpoint one connector); when that host dies another takes the lease and publishes the whole picture again.
/// </summary>
public sealed class UnsPublisher(
    IGrainFactory grains,
    PlantCatalog catalog,
    PlantQueries queries,
    KpiQueries kpis,
    LiveKpiFeed liveKpis,
    EndpointOwnership ownership,
    IOptions<MqttSettings> settings,
    IOptions<ClusterSettings> cluster,
    TimeProvider clock,
    ILogger<UnsPublisher> logger) : BackgroundService, IPlantObserver
{
    private static readonly TimeSpan RefreshPeriod = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<string, UnsSite> _sites = new(StringComparer.Ordinal);

    /// <summary>Messages published since start, over every site this host publishes.</summary>
    public long Messages => _sites.Values.Sum(s => s.Messages);

    public Task OnPlantEvent(PlantEvent plantEvent)
    {
        if (_sites.TryGetValue(plantEvent.SiteId, out var site))
        {
            site.Post(plantEvent);
        }

        return Task.CompletedTask;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var uns = settings.Value.Uns;
        if (!uns.Enabled)
        {
            return;
        }

        if (settings.Value.ToBroker("uns") is null)
        {
            logger.LogWarning("Factory:Mqtt:Uns:Enabled is true but Factory:Mqtt:Broker is not set: no Unified Namespace is published (the host embeds no broker)");
            return;
        }

        var sites = await catalog.SiteIds.WaitAsync(stoppingToken);
        liveKpis.Computed += OnKpi;
        try
        {
            var reference = grains.CreateObjectReference<IPlantObserver>(this);
            var subscriptions = KeepSubscribedAsync(reference, sites, stoppingToken);
            await Task.WhenAll(sites.Select(site => cluster.Value.Mode == ClusterMode.Embedded
                ? RunSiteAsync(site, stoppingToken)
                : ownership.RunWhileHeldAsync($"uns:{site}", ct => RunSiteAsync(site, ct), stoppingToken)).Append(subscriptions));
        }
        finally
        {
            liveKpis.Computed -= OnKpi;
        }
    }

    private void OnKpi(KpiChanged change)
    {
        if (_sites.TryGetValue(change.Site, out var site))
        {
            site.Post(change);
        }
    }

    private async Task RunSiteAsync(string site, CancellationToken cancellationToken)
    {
        var publisher = new UnsSite(site, settings.Value.ToBroker($"uns-{site}")!, settings.Value.Uns, grains, queries, kpis, clock, logger);
        _sites[site] = publisher;
        try
        {
            await publisher.RunAsync(cancellationToken);
        }
        finally
        {
            _sites.TryRemove(new KeyValuePair<string, UnsSite>(site, publisher));
        }
    }

    private async Task KeepSubscribedAsync(IPlantObserver reference, ImmutableArray<string> sites, CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(RefreshPeriod, clock);
        try
        {
            do
            {
                // Subscriptions expire in the relay unless refreshed, so a silo that died drops out by itself.
                foreach (var site in sites)
                {
                    try
                    {
                        await grains.GetGrain<IPlantFeedGrain>(site).Subscribe(reference);
                    }
                    catch (Exception e) when (e is not OperationCanceledException)
                    {
                        logger.LogWarning("Unified Namespace: could not subscribe to site {Site}: {Error}; retrying in {Period}", site, e.Message, RefreshPeriod);
                    }
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException)
        {
        }
    }
}
