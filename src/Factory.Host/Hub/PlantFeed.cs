using Factory.Host.Plant;
using Microsoft.AspNetCore.SignalR;

namespace Factory.Host.Hub;

/// <summary>
/// This silo's feed: one observer that receives every event of the plant's sites from the relay grains
/// and forwards it to the hub groups of the clients connected here.
/// </summary>
public sealed class PlantFeed(
    IGrainFactory grains,
    IHubContext<PlantHub, IPlantClient> hub,
    PlantCatalog catalog,
    Production.LiveKpiFeed liveKpis,
    ILogger<PlantFeed> logger) : BackgroundService, IPlantObserver
{
    private static readonly TimeSpan RefreshPeriod = TimeSpan.FromSeconds(30);

    private volatile bool _subscribed;

    /// <summary>True once the feed has subscribed to every site at least once.</summary>
    public bool IsSubscribed => _subscribed;

    public Task OnPlantEvent(PlantEvent plantEvent)
    {
        var clients = hub.Clients.Groups(HubGroups.For(plantEvent));
        return plantEvent switch
        {
            MachineChanged m => clients.MachineChanged(m),
            LineChanged l => clients.LineChanged(l),
            WorkOrderChanged w => clients.WorkOrderChanged(w),
            WorkerChanged w => clients.WorkerChanged(w),
            PlanChanged p => clients.PlanChanged(p),
            ProposalChanged p => clients.ProposalChanged(p),
            ConnectionChanged c => clients.ConnectionChanged(c),
            AlarmChanged a => clients.AlarmChanged(a),
            SafetyEventRaised e => clients.SafetyEvent(e),
            MachineLogChanged m => MarkDirty(m),
            _ => Task.CompletedTask,
        };
    }

    private Task MarkDirty(MachineLogChanged change)
    {
        liveKpis.MarkDirty(change.Machine);
        return Task.CompletedTask;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var reference = grains.CreateObjectReference<IPlantObserver>(this);
        var sites = await catalog.SiteIds.WaitAsync(stoppingToken);
        using var timer = new PeriodicTimer(RefreshPeriod);
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
                    logger.LogWarning(e, "Could not subscribe the feed to site {Site}; retrying in {Period}", site, RefreshPeriod);
                }
            }

            _subscribed = true;
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
