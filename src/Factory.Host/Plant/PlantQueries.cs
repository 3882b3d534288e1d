namespace Factory.Host.Plant;

/// <summary>Reads views from the grains for the API and the hub, fanning out in parallel.</summary>
public sealed class PlantQueries(IGrainFactory grains, PlantCatalog catalog)
{
    public async Task<IReadOnlyList<SiteView>> SitesAsync()
    {
        var ids = await catalog.SiteIds;
        return (await Task.WhenAll(ids.Select(id => grains.GetGrain<ISiteGrain>(id).GetView()))).OfType<SiteView>().ToList();
    }

    public Task<SiteView?> SiteAsync(string id) => grains.GetGrain<ISiteGrain>(id).GetView();

    public async Task<IReadOnlyList<LineView>> LinesAsync(string? siteId = null) =>
        await ManyAsync(await IdsAsync(siteId, s => s.LineIds), id => grains.GetGrain<ILineGrain>(id).GetView());

    public Task<LineView?> LineAsync(string id) => grains.GetGrain<ILineGrain>(id).GetView();

    public async Task<IReadOnlyList<MachineView>> MachinesAsync(string? siteId = null, string? lineId = null)
    {
        if (lineId is not null)
        {
            var line = await LineAsync(lineId);
            return line is null ? [] : await ManyAsync(line.MachineIds, MachineTask);
        }

        return await ManyAsync(await IdsAsync(siteId, s => s.MachineIds), MachineTask);
    }

    public Task<MachineView?> MachineAsync(string id) => MachineTask(id);

    public async Task<IReadOnlyList<WorkOrderView>> WorkOrdersAsync(string? siteId = null) =>
        await ManyAsync(await IdsAsync(siteId, s => s.WorkOrderIds), id => grains.GetGrain<IWorkOrderGrain>(id).GetView());

    public Task<WorkOrderView?> WorkOrderAsync(string id) => grains.GetGrain<IWorkOrderGrain>(id).GetView();

    public async Task<IReadOnlyList<WorkerView>> WorkersAsync(string? siteId = null) =>
        await ManyAsync(await IdsAsync(siteId, s => s.WorkerIds), id => grains.GetGrain<IWorkerGrain>(id).GetView());

    public Task<WorkerView?> WorkerAsync(string id) => grains.GetGrain<IWorkerGrain>(id).GetView();

    private Task<MachineView?> MachineTask(string id) => grains.GetGrain<IMachineGrain>(id).GetView();

    private async Task<IEnumerable<string>> IdsAsync(string? siteId, Func<SiteView, ImmutableArray<string>> pick)
    {
        var sites = siteId is null ? await SitesAsync() : (await SiteAsync(siteId) is { } one ? [one] : []);
        return sites.SelectMany(s => (IEnumerable<string>)pick(s));
    }

    private static async Task<IReadOnlyList<T>> ManyAsync<T>(IEnumerable<string> ids, Func<string, Task<T?>> get)
        where T : class =>
        (await Task.WhenAll(ids.Select(get))).OfType<T>().ToList();
}
