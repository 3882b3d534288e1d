using Factory.Contracts.Production;
using Factory.Domain.Oee;
using Factory.Grains;

namespace Factory.Host.Production;

/// <summary>
/// The live feed's figures, kept per machine for its site's live window (<see cref="LiveMachineKpis"/>): a machine that
/// changed is read from where its figures stop (<see cref="IMachineLogGrain.GetLogTail"/>: one call, only the tail),
/// a machine whose past changed or whose window rolled over (a new shift, a new day) is read from the window's start.
/// Line and site rows are sums of their machines' figures, as <see cref="KpiQueries"/> sums them for a <c>/kpis</c>
/// query of the same window. Not thread-safe: <see cref="LiveKpiFeed"/> gives its timer loop and its readers turns.
/// </summary>
public sealed class LiveKpiBook(IGrainFactory grains, ProductionCatalog catalog, KpiQueries kpis, PlantClock clock)
{
    /// <summary>How long a line's output stage (<see cref="Contracts.Views.LineView.OutputMachineIds"/>) is reused before it is read again.</summary>
    public static readonly TimeSpan StageReuse = TimeSpan.FromSeconds(10);

    private readonly Dictionary<string, Kept> _machines = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (ImmutableArray<string> Ids, DateTimeOffset ReadAt)> _stages = new(StringComparer.Ordinal);
    private long _reads;
    private long _fullReads;

    /// <summary>Grain calls made so far (log tails and line views): what a tick costs the silo.</summary>
    public long Reads => Interlocked.Read(ref _reads);

    /// <summary>Log reads that had to start at the window's start (new machine, roll-over, a changed past).</summary>
    public long FullReads => Interlocked.Read(ref _fullReads);

    /// <summary>
    /// Brings the figures of <paramref name="changed"/> machines up to now (their logs changed) and those of
    /// <paramref name="needed"/> machines that have none for their site's current window. Returns the machines that
    /// could not be read (logged by the caller; their rows wait for the next change).
    /// </summary>
    public async Task<IReadOnlyList<(string MachineId, Exception Error)>> RefreshAsync(IEnumerable<string> changed, IEnumerable<string> needed)
    {
        ArgumentNullException.ThrowIfNull(changed);
        ArgumentNullException.ThrowIfNull(needed);
        var now = clock.GetUtcNow();
        var windows = new Dictionary<string, TimeRange>(StringComparer.Ordinal);
        var toRead = new HashSet<string>(changed, StringComparer.Ordinal);
        toRead.UnionWith(needed.Where(id => !Current(id, windows)));
        var reads = toRead
            .Select(catalog.Machine)
            .OfType<MachineLogSettings>()
            .Select(m => ReadAsync(m, Window(m.SiteId, windows), now))
            .ToList();
        var results = await Task.WhenAll(reads);
        var failed = new List<(string, Exception)>();
        foreach (var (machineId, kept, error) in results)
        {
            if (kept is not null)
            {
                _machines[machineId] = kept;
            }
            else
            {
                _machines.Remove(machineId);
                failed.Add((machineId, error!));
            }
        }

        return failed;
    }

    /// <summary>The machines a row of <paramref name="entity"/> <paramref name="id"/> sums.</summary>
    public IReadOnlyList<string> MachinesOf(string entity, string id) => entity switch
    {
        "machine" => catalog.Machine(id) is { } m ? [m.MachineId] : [],
        "line" => [.. catalog.Machines(lineId: id).Select(m => m.MachineId)],
        "site" => [.. catalog.Machines(siteId: id).Select(m => m.MachineId)],
        _ => [],
    };

    /// <summary>
    /// The live row of a machine, line or site up to now from the kept figures, as a <c>/kpis</c> query of the live
    /// window gives it; null when a machine of it has no figures for that window (it could not be read, or the window
    /// rolled over since the figures were brought up to date): the row is then due again with the next refresh.
    /// </summary>
    public async Task<KpiView?> RowAsync(string entity, string id, string siteId)
    {
        var now = clock.GetUtcNow();
        var window = kpis.LiveWindow(siteId);
        var ids = MachinesOf(entity, id);
        if (ids.Count == 0 || ids.Any(m => !_machines.TryGetValue(m, out var kept) || kept.Figures.Stale || kept.Figures.Window.Start != window.Start))
        {
            return null;
        }

        var snapshots = ids.ToDictionary(m => m, m => _machines[m].Figures.Snapshot(window.End), StringComparer.Ordinal);
        var sum = ProductionKpis.Sum(snapshots.Values);

        // The line's output is its last stage's (LineThroughput, as the line grain counts it); a site's, its lines'.
        ImmutableArray<string> counted = entity == "machine" ? [id] : [];
        foreach (var lineId in entity == "machine" ? [] : ids.Select(m => catalog.Machine(m)!.LineId).Distinct(StringComparer.Ordinal))
        {
            counted = counted.AddRange(await StageAsync(lineId, now));
        }

        counted = [.. counted.Where(snapshots.ContainsKey)];
        var good = ProductionKpis.Sum(counted.Distinct(StringComparer.Ordinal).Select(m => snapshots[m])).Output.Good;
        return KpiView.Of(entity, id, window, sum) with { GoodPerHour = LineThroughput.GoodPerHour(good, window.Duration), GoodPerHourOf = counted };
    }

    // Whether a machine's kept figures are for its site's current window and plant configuration.
    private bool Current(string machineId, Dictionary<string, TimeRange> windows) =>
        _machines.TryGetValue(machineId, out var kept) && catalog.Machine(machineId) is { } m && !kept.Figures.Stale &&
        ReferenceEquals(kept.Production, catalog.Site(m.SiteId)) && kept.Figures.Window == Window(m.SiteId, windows);

    // The whole current window of a site (its shift, else the UTC day) — the live rows take it up to now.
    private TimeRange Window(string siteId, Dictionary<string, TimeRange> windows)
    {
        if (!windows.TryGetValue(siteId, out var window))
        {
            var shift = kpis.CurrentShift(siteId);
            var start = kpis.LiveWindow(siteId).Start;
            window = new TimeRange(start, shift is not null && shift.End > start ? shift.End : start.AddDays(1));
            windows[siteId] = window;
        }

        return window;
    }

    private async Task<(string MachineId, Kept? Kept, Exception? Error)> ReadAsync(MachineLogSettings machine, TimeRange window, DateTimeOffset now)
    {
        try
        {
            var production = catalog.Site(machine.SiteId)!;
            var kept = _machines.GetValueOrDefault(machine.MachineId);
            var current = kept is not null && !kept.Figures.Stale && ReferenceEquals(kept.Production, production) && kept.Figures.Window == window;
            Interlocked.Increment(ref _reads);
            var tail = await grains.GetGrain<IMachineLogGrain>(machine.MachineId).GetLogTail(
                window.Start, current ? kept!.Figures.ReadFrom : window.Start, now, current ? kept!.Epoch : Guid.Empty, current ? kept!.Revision : 0);
            var log = tail.Log;
            var figures = current && !tail.FromStart ? kept!.Figures : null;
            if (figures is null)
            {
                Interlocked.Increment(ref _fullReads);
                var stops = log.Stops.Select(s => s.ToDomain());
                figures = new LiveMachineKpis(machine.MachineId, window, production.PlannedFor(window, machine.MachineId, stops),
                    production.Classification, production.Reasons, StateIntervalLog.MachineReorderBound);
            }

            figures.Take([.. log.Events.Select(e => e.ToDomain(log.MachineId))], [.. log.Counts.Select(c => c.ToDomain(log.MachineId))], now);
            return (machine.MachineId, new Kept(figures, tail.Epoch, tail.Revision, production), null);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return (machine.MachineId, null, ex);
        }
    }

    private async Task<ImmutableArray<string>> StageAsync(string lineId, DateTimeOffset now)
    {
        if (_stages.TryGetValue(lineId, out var stage) && now - stage.ReadAt < StageReuse)
        {
            return stage.Ids;
        }

        Interlocked.Increment(ref _reads);
        var ids = (await grains.GetGrain<ILineGrain>(lineId).GetView())?.OutputMachineIds is { IsDefault: false } read ? read : [];
        _stages[lineId] = (ids, now);
        return ids;
    }

    private sealed record Kept(LiveMachineKpis Figures, Guid Epoch, long Revision, SiteProduction Production);
}
