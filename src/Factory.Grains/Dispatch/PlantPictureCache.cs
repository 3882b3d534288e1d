namespace Factory.Grains.Dispatch;

/// <summary>
/// The dispatcher's picture of its site's machines, workers and work orders, kept from what it is told instead of read
/// again on every trigger (#10, #20: a 1,000-machine site cost a thousand grain calls per re-plan and release check). A
/// machine, worker or work order is read again when it is named as changed (availability, a finished job, a clock in or
/// out, a work order's change or progress, a release, a plan applied to it), when it joins the site, and all of them every
/// <see cref="DispatchOptions.PictureRefreshInterval"/>, which bounds how long a change nobody announced (a manual Start)
/// can go unseen. An order with work on a machine is also read when its last read is <see cref="DispatchOptions.RunningOrderRefresh"/>
/// old: its good count and ETA move with every part and no message says so, but its status changes do say so (#10: a
/// 1,000-machine site re-read its 200 running orders on every re-plan). A closed order (completed or cancelled) never
/// changes again, so it is never read again: a site that has run for months does not re-read its history.
/// </summary>
internal sealed class PlantPictureCache(IGrainFactory grains, string siteId, TimeProvider clock, TimeSpan refreshInterval, TimeSpan runningOrderRefresh)
{
    private readonly Dictionary<string, MachineView> _machines = new(StringComparer.Ordinal);
    private readonly Dictionary<string, WorkerView> _workers = new(StringComparer.Ordinal);
    private readonly HashSet<string> _changedMachines = new(StringComparer.Ordinal);
    private readonly HashSet<string> _changedWorkers = new(StringComparer.Ordinal);
    private readonly HashSet<string> _changedOrders = new(StringComparer.Ordinal);
    private readonly Dictionary<string, WorkOrderView> _orders = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> _orderReadAt = new(StringComparer.Ordinal);
    private DateTimeOffset _refreshedAt = DateTimeOffset.MinValue;

    /// <summary>The machine is read again before the next picture.</summary>
    public void MachineChanged(string machineId) => _changedMachines.Add(machineId);

    /// <summary>The worker is read again before the next picture.</summary>
    public void WorkerChanged(string workerId) => _changedWorkers.Add(workerId);

    /// <summary>The work order is read again before the next picture.</summary>
    public void WorkOrderChanged(string workOrderId) => _changedOrders.Add(workOrderId);

    /// <summary>
    /// The work order as the picture last read it, when nothing has been said to change it since (null otherwise): what a
    /// plan can be compared with before it is sent.
    /// </summary>
    public WorkOrderView? KnownOrder(string workOrderId) =>
        _changedOrders.Contains(workOrderId) ? null : _orders.GetValueOrDefault(workOrderId);

    /// <summary>
    /// <paramref name="order"/> as it stands, from its own answer: no read is needed. A mark on it is cleared, since the
    /// change that caused the mark was made before the order answered.
    /// </summary>
    public void Know(WorkOrderView order)
    {
        _orders[order.Id] = order;
        _orderReadAt[order.Id] = clock.GetUtcNow();
        _changedOrders.Remove(order.Id);
    }

    /// <summary>Everything is read again before the next picture (a manager's explicit re-plan, the first plan).</summary>
    public void Invalidate() => _refreshedAt = DateTimeOffset.MinValue;

    /// <summary>The site as it stands: from the picture, read again where changed (see the type's remarks).</summary>
    public async Task<PlantPicture> LoadAsync()
    {
        var site = await grains.GetGrain<ISiteGrain>(siteId).GetView()
            ?? throw new InvalidOperationException($"site {siteId} is not defined");
        var now = clock.GetUtcNow();
        var whole = now - _refreshedAt >= refreshInterval;
        var machineIds = site.MachineIds.Where(id => whole || _changedMachines.Contains(id) || !_machines.ContainsKey(id)).ToList();
        var workerIds = site.WorkerIds.Where(id => whole || _changedWorkers.Contains(id) || !_workers.ContainsKey(id)).ToList();
        var orderIds = site.WorkOrderIds.Where(id => _orders.GetValueOrDefault(id) is not { } known ||
            (!known.Done && (whole || _changedOrders.Contains(id) || (OnMachine(known) && now - _orderReadAt.GetValueOrDefault(id) >= runningOrderRefresh)))).ToList();
        // Marks are taken before the reads go out: a change announced while they are under way marks its order again.
        _changedMachines.Clear();
        _changedWorkers.Clear();
        _changedOrders.Clear();
        var machines = Task.WhenAll(machineIds.Select(id => grains.GetGrain<IMachineGrain>(id).GetView()));
        var workers = Task.WhenAll(workerIds.Select(id => grains.GetGrain<IWorkerGrain>(id).GetView()));
        var orders = Task.WhenAll(orderIds.Select(id => grains.GetGrain<IWorkOrderGrain>(id).GetView()));
        Keep(_machines, machineIds, await machines, site.MachineIds, m => m.Id);
        Keep(_workers, workerIds, await workers, site.WorkerIds, w => w.Id);
        Keep(_orders, orderIds, await orders, site.WorkOrderIds, o => o.Id);
        foreach (var id in orderIds)
        {
            _orderReadAt[id] = now;
        }

        if (_orderReadAt.Count > _orders.Count)
        {
            foreach (var gone in _orderReadAt.Keys.Where(k => !_orders.ContainsKey(k)).ToList())
            {
                _orderReadAt.Remove(gone);
            }
        }

        if (whole)
        {
            _refreshedAt = now;
        }

        // In the site's order, as before, so ties in the planner fall the same way.
        return new PlantPicture(
            [.. site.MachineIds.Select(id => _machines.GetValueOrDefault(id)).OfType<MachineView>()],
            [.. site.WorkOrderIds.Select(id => _orders.GetValueOrDefault(id)).OfType<WorkOrderView>()],
            [.. site.WorkerIds.Select(id => _workers.GetValueOrDefault(id)).OfType<WorkerView>()]);
    }

    private static bool OnMachine(WorkOrderView order) =>
        order.Operations.Any(o => o.Status is OperationStatus.Released or OperationStatus.Running);

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
