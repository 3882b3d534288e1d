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
        Cluster = await TestSilo.DeployAsync<SiloConfigurator>(DataDirectory);
    }

    public Task DisposeAsync() => TestSilo.StopAsync(Cluster, DataDirectory);

    private sealed class SiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder)
        {
            var data = TestSilo.DataDirectory(siloBuilder);
            siloBuilder.AddSqliteGrainStorage(StorageNames.Plant, o => o.DatabasePath = Path.Combine(data, "factory.db"));
            // The real historian on a file beside the grain state, so the grains' appends are read back from disk.
            siloBuilder.Services.AddSingleton<Factory.Domain.History.IHistorian>(new Factory.Grains.History.SqliteHistorian(Path.Combine(data, "history.db")));
            siloBuilder.Services.AddSingleton(sp => new Factory.Grains.History.HistoryWriter(
                sp.GetRequiredService<Factory.Domain.History.IHistorian>(), sp.GetRequiredService<Microsoft.Extensions.Logging.ILogger<Factory.Grains.History.HistoryWriter>>()));
            TestSilo.AddPlantClockAndOptions(siloBuilder);
        }
    }
}
