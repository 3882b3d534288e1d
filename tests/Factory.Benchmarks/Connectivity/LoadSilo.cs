using Factory.Contracts.Grains;
using Factory.Contracts.Specs;
using Factory.Grains;
using Factory.Grains.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Factory.Benchmarks.Connectivity;

/// <summary>
/// The real silo a connectivity load run feeds (OPC UA or Sparkplug): localhost clustering on free ports, SQLite grain
/// storage in the run's folder, the real clock, no optimizer time (dispatching is not what is measured), and the one
/// site <see cref="Site"/> defined.
/// </summary>
internal static class LoadSilo
{
    public const string Site = "load";

    /// <summary>Starts the silo with its database in <paramref name="data"/>; the host, to stop and dispose when the run ends.</summary>
    public static async Task<IHost> StartAsync(string data)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering(FreePort.Next(), FreePort.Next());
            silo.AddSqliteGrainStorage(StorageNames.Plant, o => o.DatabasePath = Path.Combine(data, "factory.db"));
        });
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(Factory.Domain.PlantClock.RealTime);
        builder.Services.Configure<DispatchOptions>(o => o.OptimizerTimeLimit = TimeSpan.Zero);
        var host = builder.Build();
        try
        {
            await host.StartAsync();
            await host.Services.GetRequiredService<IGrainFactory>().GetGrain<ISiteGrain>(Site).Define(new SiteSpec(Site, "Load", "UTC"));
            return host;
        }
        catch
        {
            host.Dispose();
            throw;
        }
    }
}
