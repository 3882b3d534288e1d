using System.Collections.Concurrent;
using Factory.Contracts.Production;
using Factory.Host.Hub;
using Microsoft.AspNetCore.SignalR;

namespace Factory.Host.Production;

/// <summary>
/// Live KPI deltas: when a machine's log changes, its KPIs and those of its line and site are computed for the
/// site's running window (current shift, else the current UTC day) by <see cref="KpiQueries"/> — the same code
/// a <c>/kpis</c> query for that window runs — and sent as <c>KpiChanged</c>, at most once per second per entity, and
/// for a line or site of more than a hundred machines at most once per second per hundred (their rows read every log).
/// </summary>
public sealed class LiveKpiFeed(
    KpiQueries kpis,
    ProductionCatalog catalog,
    IHubContext<PlantHub, IPlantClient> hub,
    PlantClock clock,
    ILogger<LiveKpiFeed> logger) : BackgroundService
{
    private static readonly TimeSpan Period = TimeSpan.FromSeconds(1);

    /// <summary>How many machines' logs an aggregate row may read per <see cref="Period"/>.</summary>
    private const int MachinesPerPeriod = 100;

    private readonly ConcurrentDictionary<string, bool> _dirty = new(StringComparer.Ordinal);

    // Only the timer loop touches these two.
    private readonly HashSet<(string Entity, string Id, string Site, string? Line)> _pending = [];
    private readonly Dictionary<(string Entity, string Id), DateTimeOffset> _sentAt = [];
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

            foreach (var m in machines.Select(catalog.Machine).OfType<MachineLogSettings>())
            {
                _pending.Add(("machine", m.MachineId, m.SiteId, m.LineId));
                _pending.Add(("line", m.LineId, m.SiteId, m.LineId));
                _pending.Add(("site", m.SiteId, m.SiteId, null));
            }

            var now = clock.GetUtcNow();
            foreach (var pending in _pending.Where(e => Due(e, now)).ToList())
            {
                _pending.Remove(pending);
                _sentAt[(pending.Entity, pending.Id)] = now;
                await SendAsync(pending);
            }
        }
    }

    /// <summary>
    /// Whether an entity's figures may be sent again: a line's or site's row reads every machine's log in it, so it is sent
    /// at most once per second per hundred machines (a 14-machine site every second, a 1,000-machine site every 10 s); a
    /// machine's every second. What is held back is sent when due, with the figures as they are then.
    /// </summary>
    private bool Due((string Entity, string Id, string Site, string? Line) e, DateTimeOffset now)
    {
        if (!_sentAt.TryGetValue((e.Entity, e.Id), out var sent))
        {
            return true;
        }

        var machines = e.Entity switch
        {
            "line" => catalog.Machines(lineId: e.Id).Count(),
            "site" => catalog.Machines(siteId: e.Id).Count(),
            _ => 1,
        };
        // Half a period of slack: the timer's ticks are a period apart, not the moments taken after each tick's sends.
        return now - sent >= (Period * Math.Max(1, machines / MachinesPerPeriod)) - (Period / 2);
    }

    private async Task SendAsync((string Entity, string Id, string Site, string? Line) e)
    {
        var (entity, id, site, line) = e;
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
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Live KPIs of {Entity} {Id} failed", entity, id);
        }
    }
}
