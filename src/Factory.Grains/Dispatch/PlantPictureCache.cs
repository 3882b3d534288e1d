namespace Factory.Grains.Dispatch;

/// <summary>
/// The dispatcher's picture of its site's machines and workers, kept from what it is told instead of read again on every
/// trigger (#20: a 1,000-machine site cost a thousand grain calls per re-plan and release check). A machine or worker is
/// read again when it is named as changed (availability, a finished job, a clock in or out, a release to it, a refused
/// release), when it joins the site, and all of them every <see cref="DispatchOptions.PictureRefreshInterval"/>, which
/// bounds how long a change nobody announced (a manual Start) can go unseen. Open work orders are always read: their
/// progress and ETAs change without a message to the dispatcher. A closed one (completed or cancelled) never changes
/// again, so it is read once: a site that has run for months does not re-read its history on every trigger.
/// </summary>
internal sealed class PlantPictureCache(IGrainFactory grains, string siteId, TimeProvider clock, TimeSpan refreshInterval)
{
    private readonly Dictionary<string, MachineView> _machines = new(StringComparer.Ordinal);
    private readonly Dictionary<string, WorkerView> _workers = new(StringComparer.Ordinal);
    private readonly HashSet<string> _changedMachines = new(StringComparer.Ordinal);
    private readonly HashSet<string> _changedWorkers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, WorkOrderView> _closedOrders = new(StringComparer.Ordinal);
    private DateTimeOffset _refreshedAt = DateTimeOffset.MinValue;

    /// <summary>The machine is read again before the next picture.</summary>
    public void MachineChanged(string machineId) => _changedMachines.Add(machineId);

    /// <summary>The worker is read again before the next picture.</summary>
    public void WorkerChanged(string workerId) => _changedWorkers.Add(workerId);

    /// <summary>Everything is read again before the next picture (a manager's explicit re-plan, the first plan).</summary>
    public void Invalidate() => _refreshedAt = DateTimeOffset.MinValue;

    /// <summary>The site as it stands: machines and workers from the picture (read again where changed), orders read now.</summary>
    public async Task<PlantPicture> LoadAsync()
    {
        var site = await grains.GetGrain<ISiteGrain>(siteId).GetView()
            ?? throw new InvalidOperationException($"site {siteId} is not defined");
        var now = clock.GetUtcNow();
        var whole = now - _refreshedAt >= refreshInterval;
        var machineIds = site.MachineIds.Where(id => whole || _changedMachines.Contains(id) || !_machines.ContainsKey(id)).ToList();
        var workerIds = site.WorkerIds.Where(id => whole || _changedWorkers.Contains(id) || !_workers.ContainsKey(id)).ToList();
        _changedMachines.Clear();
        _changedWorkers.Clear();
        var machines = Task.WhenAll(machineIds.Select(id => grains.GetGrain<IMachineGrain>(id).GetView()));
        var workers = Task.WhenAll(workerIds.Select(id => grains.GetGrain<IWorkerGrain>(id).GetView()));
        var orders = Task.WhenAll(site.WorkOrderIds.Where(id => !_closedOrders.ContainsKey(id)).Select(id => grains.GetGrain<IWorkOrderGrain>(id).GetView()));
        Keep(_machines, machineIds, await machines, site.MachineIds, m => m.Id);
        Keep(_workers, workerIds, await workers, site.WorkerIds, w => w.Id);
        if (whole)
        {
            _refreshedAt = now;
        }

        var read = (await orders).OfType<WorkOrderView>().ToList();
        foreach (var closed in read.Where(o => o.Done))
        {
            _closedOrders[closed.Id] = closed;
        }

        if (_closedOrders.Count > site.WorkOrderIds.Length)
        {
            var present = site.WorkOrderIds.ToHashSet(StringComparer.Ordinal);
            foreach (var gone in _closedOrders.Keys.Where(k => !present.Contains(k)).ToList())
            {
                _closedOrders.Remove(gone);
            }
        }

        // In the site's order, as before, so ties in the planner fall the same way.
        var open = read.ToDictionary(o => o.Id, StringComparer.Ordinal);
        return new PlantPicture(
            [.. site.MachineIds.Select(id => _machines.GetValueOrDefault(id)).OfType<MachineView>()],
            [.. site.WorkOrderIds.Select(id => open.GetValueOrDefault(id) ?? _closedOrders.GetValueOrDefault(id)).OfType<WorkOrderView>()],
            [.. site.WorkerIds.Select(id => _workers.GetValueOrDefault(id)).OfType<WorkerView>()]);
    }

    private static void Keep<TView>(Dictionary<string, TView> kept, List<string> read, TView?[] views, ImmutableArray<string> members, Func<TView, string> id)
        where TView : class
    {
        for (var i = 0; i < read.Count; i++)
        {
            if (views[i] is { } view)
            {
                kept[id(view)] = view;
            }
            else
            {
                kept.Remove(read[i]);
            }
        }

        // Whatever left the site leaves the picture.
        if (kept.Count > members.Length)
        {
            var present = members.ToHashSet(StringComparer.Ordinal);
            foreach (var gone in kept.Keys.Where(k => !present.Contains(k)).ToList())
            {
                kept.Remove(gone);
            }
        }
    }
}
