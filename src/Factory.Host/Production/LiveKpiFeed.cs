using System.Collections.Concurrent;
using Factory.Contracts.Production;
using Factory.Host.Hub;
using Microsoft.AspNetCore.SignalR;

namespace Factory.Host.Production;

/// <summary>
/// Live KPI deltas: when a machine's log changes, its KPIs and those of its line and site are computed for the
/// site's running window (current shift, else the current UTC day) by <see cref="KpiQueries"/> — the same code
/// a <c>/kpis</c> query for that window runs — and sent as <c>KpiChanged</c>, at most once per second per entity.
/// </summary>
public sealed class LiveKpiFeed(
    KpiQueries kpis,
    ProductionCatalog catalog,
    IHubContext<PlantHub, IPlantClient> hub,
    TimeProvider clock,
    ILogger<LiveKpiFeed> logger) : BackgroundService
{
    private static readonly TimeSpan Period = TimeSpan.FromSeconds(1);

    private readonly ConcurrentDictionary<string, bool> _dirty = new(StringComparer.Ordinal);
    private long _sequence;

    /// <summary>Raised with every live KPI delta after it was sent to the hub (the Unified Namespace publishes them too).</summary>
    public event Action<KpiChanged>? Computed;

    /// <summary>Marks a machine's figures as changed; they are sent with the next tick.</summary>
    public void MarkDirty(string machineId) => _dirty[machineId] = true;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Period, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            var machines = _dirty.Keys.ToList();
            foreach (var m in machines)
            {
                _dirty.TryRemove(m, out _);
            }

            var entities = machines.Select(catalog.Machine).OfType<MachineLogSettings>()
                .SelectMany(m => new[] { ("machine", m.MachineId, m.SiteId, (string?)m.LineId), ("line", m.LineId, m.SiteId, m.LineId), ("site", m.SiteId, m.SiteId, null) })
                .Distinct()
                .ToList();
            foreach (var (entity, id, site, line) in entities)
            {
                try
                {
                    var window = kpis.LiveWindow(site);
                    var (rows, _) = await kpis.QueryAsync(new KpiQuery(entity, id, window.Start, window.End));
                    if (rows is [var row])
                    {
                        var change = new KpiChanged(site, line, row, Interlocked.Increment(ref _sequence));
                        var group = entity switch { "machine" => HubGroups.Machine(id), "line" => HubGroups.Line(id), _ => HubGroups.Site(id) };
                        await hub.Clients.Group(group).KpiChanged(change);
                        Computed?.Invoke(change);
                    }
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogWarning(e, "Live KPIs of {Entity} {Id} failed", entity, id);
                }
            }
        }
    }
}
