using System.Collections.Concurrent;
using Factory.Contracts.Production;
using Factory.Host.Hub;
using Microsoft.AspNetCore.SignalR;

namespace Factory.Host.Production;

/// <summary>
/// Live KPI deltas: when a machine's log changes, its KPIs and those of its line and site for the site's running window
/// (current shift, else the current UTC day) are sent as <c>KpiChanged</c>, at most once per second per entity. The
/// figures are kept incrementally by <see cref="LiveKpiBook"/>: each tick reads only the tails of the logs that changed
/// (one grain call per changed machine) and sums machines into lines and sites, giving what a <c>/kpis</c> query of
/// the same window gives. For a site of more than a thousand machines its row is sent at most once per second per
/// thousand (each row sums every machine's figures).
/// </summary>
public sealed class LiveKpiFeed(
    LiveKpiBook book,
    ProductionCatalog catalog,
    IHubContext<PlantHub, IPlantClient> hub,
    PlantClock clock,
    ILogger<LiveKpiFeed> logger) : BackgroundService
{
    private static readonly TimeSpan Period = TimeSpan.FromSeconds(1);

    /// <summary>How many machines' figures an aggregate row may sum per <see cref="Period"/>.</summary>
    private const int MachinesPerPeriod = 1000;

    private readonly ConcurrentDictionary<string, bool> _dirty = new(StringComparer.Ordinal);

    // The book is not thread-safe: the timer loop and a hub client's first read take turns with it.
    private readonly SemaphoreSlim _turn = new(1, 1);

    // Only the timer loop touches these two.
    private readonly HashSet<(string Entity, string Id, string Site, string? Line)> _pending = [];
    private readonly Dictionary<(string Entity, string Id), DateTimeOffset> _sentAt = [];
    private long _sequence;

    /// <summary>Raised with every live KPI delta after it was sent to the hub (the Unified Namespace publishes them too).</summary>
    public event Action<KpiChanged>? Computed;

    /// <summary>Marks a machine's figures as changed; they are sent with the next tick.</summary>
    public void MarkDirty(string machineId) => _dirty[machineId] = true;

    /// <summary>
    /// The live row of a machine, line or site now, from the kept figures (the machines it sums that changed since
    /// the last tick are brought up to date first, and still get their delta with the next tick): the starting point a
    /// client's <c>KpiChanged</c> deltas then replace, at the cost of the tails that changed, not of the window's logs.
    /// Null when a machine of it could not be read.
    /// </summary>
    public async Task<KpiView?> CurrentAsync(string entity, string id, string siteId, CancellationToken cancellationToken = default)
    {
        await _turn.WaitAsync(cancellationToken);
        try
        {
            var machines = book.MachinesOf(entity, id);
            var failed = await book.RefreshAsync(machines.Where(_dirty.ContainsKey), machines);
            foreach (var (machineId, error) in failed)
            {
                logger.LogWarning(error, "Live KPIs: the log of {Machine} could not be read", machineId);
            }

            return await book.RowAsync(entity, id, siteId);
        }
        finally
        {
            _turn.Release();
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Period, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            await _turn.WaitAsync(stoppingToken);
            try
            {
                await TickAsync();
            }
            finally
            {
                _turn.Release();
            }
        }
    }

    public override void Dispose()
    {
        base.Dispose();
        _turn.Dispose();
    }

    // One tick: the changed machines' tails are read, the rows that are due computed and sent.
    private async Task TickAsync()
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
        var due = _pending.Where(e => Due(e, now)).ToList();

        // Every machine that changed is read (its tail), and any machine a due row sums that has no figures yet.
        var failed = await book.RefreshAsync(machines, due.SelectMany(e => book.MachinesOf(e.Entity, e.Id)).Distinct(StringComparer.Ordinal));
        foreach (var (machineId, error) in failed)
        {
            logger.LogWarning(error, "Live KPIs: the log of {Machine} could not be read", machineId);
        }

        foreach (var pending in due)
        {
            _pending.Remove(pending);
            _sentAt[(pending.Entity, pending.Id)] = now;
            if (!await SendAsync(pending))
            {
                _pending.Add(pending);
            }
        }
    }

    /// <summary>
    /// Whether an entity's figures may be sent again: a row sums every machine's figures in it, so one of more than a
    /// thousand machines is sent at most once per second per thousand; others every second. What is held back is sent
    /// when due, with the figures as they are then.
    /// </summary>
    private bool Due((string Entity, string Id, string Site, string? Line) e, DateTimeOffset now)
    {
        if (!_sentAt.TryGetValue((e.Entity, e.Id), out var sent))
        {
            return true;
        }

        var machines = e.Entity == "machine" ? 1 : book.MachinesOf(e.Entity, e.Id).Count;
        // Half a period of slack: the timer's ticks are a period apart, not the moments taken after each tick's sends.
        return now - sent >= (Period * Math.Max(1, machines / MachinesPerPeriod)) - (Period / 2);
    }

    // False when the row could not be computed now (a machine of it unread): it stays pending.
    private async Task<bool> SendAsync((string Entity, string Id, string Site, string? Line) e)
    {
        var (entity, id, site, line) = e;
        try
        {
            if (await book.RowAsync(entity, id, site) is not { } row)
            {
                return book.MachinesOf(entity, id).Count == 0;
            }

            var change = new KpiChanged(site, line, row, Interlocked.Increment(ref _sequence));
            var group = entity switch { "machine" => HubGroups.Machine(id), "line" => HubGroups.Line(id), _ => HubGroups.Site(id) };
            await hub.Clients.Group(group).KpiChanged(change);
            Computed?.Invoke(change);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Live KPIs of {Entity} {Id} failed", entity, id);
        }

        return true;
    }
}
