using Factory.Grains;
using Factory.Grains.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace Factory.Grains.Tests;

/// <summary>An in-process Orleans test cluster with the real SQLite storage in a temporary file.</summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), "factory-grains-" + Guid.NewGuid().ToString("N"));

    public TestCluster Cluster { get; private set; } = null!;

    public IGrainFactory Grains => Cluster.GrainFactory;

    public async Task InitializeAsync()
    {
        var builder = new TestClusterBuilder(1);
        builder.ConfigureHostConfiguration(c => c.AddInMemoryCollection(new Dictionary<string, string?> { ["FactoryTestData"] = DataDirectory }));
        builder.AddSiloBuilderConfigurator<SiloConfigurator>();
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // SQLite may still hold the file for a moment; a leftover temp folder is harmless.
        }
    }

    private sealed class SiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder)
        {
            var data = siloBuilder.Configuration["FactoryTestData"]!;
            siloBuilder.AddSqliteGrainStorage(StorageNames.Plant, o => o.DatabasePath = Path.Combine(data, "factory.db"));
            // The real historian on a file beside the grain state, so the grains' appends are read back from disk.
            siloBuilder.Services.AddSingleton<Factory.Domain.History.IHistorian>(new Factory.Grains.History.SqliteHistorian(Path.Combine(data, "history.db")));
            siloBuilder.Services.AddSingleton(sp => new Factory.Grains.History.HistoryWriter(
                sp.GetRequiredService<Factory.Domain.History.IHistorian>(), sp.GetRequiredService<Microsoft.Extensions.Logging.ILogger<Factory.Grains.History.HistoryWriter>>()));
            siloBuilder.Services.AddSingleton(TimeProvider.System);
            siloBuilder.Services.AddSingleton(Factory.Domain.PlantClock.RealTime);
            siloBuilder.Services.Configure<PlantOptions>(o => o.TransientStateDuration = TimeSpan.FromMilliseconds(100));
            siloBuilder.Services.Configure<DispatchOptions>(o => o.OptimizerTimeLimit = TimeSpan.FromSeconds(1));
        }
    }
}
