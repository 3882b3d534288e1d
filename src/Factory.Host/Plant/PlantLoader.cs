using Microsoft.Extensions.Options;

namespace Factory.Host.Plant;

/// <summary>
/// Creates the plant's grains from the definition file when the host starts. Definitions are applied again
/// on every start (so an edited file takes effect); live state, clocks and existing work orders are kept.
/// </summary>
public sealed class PlantLoader(
    IGrainFactory grains,
    IOptions<FactoryOptions> options,
    PlantClock clock,
    PlantCatalog catalog,
    SimulatorService simulator,
    Production.ProductionCatalog production,
    Costs.CostCatalog costs,
    Audit.IAuditStore audit,
    ILogger<PlantLoader> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var path = options.Value.PlantFile;
        var definition = PlantDefinitionReader.Read(path);
        var specs = PlantTranslation.ToSpecs(definition, clock.GetUtcNow(), await simulator.EndpointUrl, await simulator.Sparkplug);
        var sites = Production.ProductionDefinitionReader.Read(definition);
        var siteCosts = Costs.CostDefinitionReader.Read(definition);
        var maintenancePlans = MaintenanceDefinitionReader.Read(definition, clock.GetUtcNow());
        await RetryAsync(() => ApplyAsync(specs), cancellationToken);
        await RetryAsync(() => Task.WhenAll(sites.SelectMany(s => s.Machines).Select(m => grains.GetGrain<IMachineLogGrain>(m.MachineId).Configure(m))), cancellationToken);
        production.Load(sites);
        costs.Load(siteCosts);
        // The plant file is the plant's configuration: which version was applied, and when, belongs in the audit trail.
        var digest = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(await File.ReadAllBytesAsync(path, cancellationToken)));
        await audit.AppendAsync("system", "config.load", path, "host start", "accepted", $"sha256 {digest}");
        await RetryAsync(() => Task.WhenAll(specs.Sites.Select(site => grains.GetGrain<IDispatcherGrain>(site.Id).EnsurePlan())), cancellationToken);
        catalog.Load(specs);
        await RetryAsync(() => Task.WhenAll(maintenancePlans.Select(site => DefineMaintenanceAsync(site.Key, site.Value))), cancellationToken);
        logger.LogInformation(
            "Plant loaded from {Path}: {Sites} sites, {Lines} lines, {Machines} machines, {Workers} workers, {Orders} work orders",
            path, specs.Sites.Length, specs.Lines.Length, specs.Machines.Length, specs.Workers.Length, specs.WorkOrders.Length);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// Applying is idempotent, so a step that met a passing fault is simply applied again. In a cluster a silo that
    /// joins while another runs can briefly see two activations of a grain: the stale one's write is refused by
    /// its ETag (and that activation dropped), and the next attempt reaches the right one.
    /// </summary>
    private async Task RetryAsync(Func<Task> step, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await step();
                return;
            }
            catch (Exception e) when (attempt < 6 && e is Orleans.Storage.InconsistentStateException or StateNotStoredException or OrleansException or TimeoutException)
            {
                logger.LogWarning("Applying the plant met {Error}; attempt {Attempt} of 6 follows", e.Message, attempt + 1);
                await Task.Delay(TimeSpan.FromMilliseconds(250 * attempt * attempt), clock, cancellationToken);
            }
        }
    }

    // A plan from the file is created once; after that the grain keeps it (its anchor moves as its orders are done).
    private async Task DefineMaintenanceAsync(string siteId, ImmutableArray<Factory.Contracts.Maintenance.MaintenancePlanSpec> plans)
    {
        var grain = grains.GetGrain<IMaintenanceGrain>(siteId);
        var existing = (await grain.GetPlans()).Select(p => p.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var plan in plans.Where(p => !existing.Contains(p.Id)))
        {
            if (await grain.CreatePlan(plan) is { Accepted: false } refused)
            {
                throw new PlantDefinitionException($"maintenance plan '{plan.Id}' was refused: {refused.Reason}");
            }
        }
    }

    private async Task ApplyAsync(PlantSpecs specs)
    {
        foreach (var site in specs.Sites)
        {
            await grains.GetGrain<ISiteGrain>(site.Id).Define(site);
        }

        // Machines before lines, so a line finds its machines' views when it derives its status.
        await Task.WhenAll(specs.Machines.Select(async m =>
        {
            await grains.GetGrain<IMachineGrain>(m.Id).Define(m);
            await grains.GetGrain<ISiteGrain>(m.SiteId).Register(SiteMember.Machine, m.Id);
        }));
        await Task.WhenAll(specs.Lines.Select(async l =>
        {
            await grains.GetGrain<ILineGrain>(l.Id).Define(l);
            await grains.GetGrain<ISiteGrain>(l.SiteId).Register(SiteMember.Line, l.Id);
        }));
        await Task.WhenAll(specs.Workers.Select(async w =>
        {
            await grains.GetGrain<IWorkerGrain>(w.Id).Define(w);
            await grains.GetGrain<ISiteGrain>(w.SiteId).Register(SiteMember.Worker, w.Id);
        }));
        await Task.WhenAll(specs.WorkOrders.Select(async o =>
        {
            var grain = grains.GetGrain<IWorkOrderGrain>(o.Id);
            if (await grain.GetView() is null)
            {
                var result = await grain.Create(o);
                // In a cluster another host applying the same file may have created it in between: that is fine.
                if (!result.Accepted && await grain.GetView() is null)
                {
                    throw new PlantDefinitionException($"work order '{o.Id}' was refused: {result.Reason}");
                }
            }

            await grains.GetGrain<ISiteGrain>(o.SiteId).Register(SiteMember.WorkOrder, o.Id);
        }));
    }
}
