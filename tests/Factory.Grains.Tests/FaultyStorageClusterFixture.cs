using Factory.Grains.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using Orleans.TestingHost;

namespace Factory.Grains.Tests;

/// <summary>
/// A test cluster whose plant storage is the real SQLite file behind <see cref="FaultyGrainStorage"/>, so a test can make
/// one grain's writes fail. Only the state-restore tests use it; every other cluster stores without faults.
/// </summary>
public sealed class FaultyStorageClusterFixture : IAsyncLifetime
{
    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), "factory-faults-" + Guid.NewGuid().ToString("N"));

    /// <summary>The grain state file, read directly by tests to see what storage holds.</summary>
    public string DatabasePath => Path.Combine(DataDirectory, "factory.db");

    public TestCluster Cluster { get; private set; } = null!;

    public IGrainFactory Grains => Cluster.GrainFactory;

    /// <summary>The switch of the silo's faulty storage.</summary>
    public StorageFaults Faults { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Cluster = await TestSilo.DeployAsync<SiloConfigurator>(DataDirectory);
        var silo = Cluster.Primary as InProcessSiloHandle ?? throw new InvalidOperationException("the test cluster runs its silo in process");
        Faults = silo.SiloHost.Services.GetRequiredService<StorageFaults>();
    }

    /// <summary>What the file holds for a grain's state, read by a storage of its own (not the silo's).</summary>
    public async Task<T> StoredAsync<T>(string stateName, GrainId grain)
        where T : new()
    {
        var stored = new GrainState<T>(new T());
        await new SqliteGrainStorage(new SqliteStorageOptions { DatabasePath = DatabasePath }).ReadStateAsync(stateName, grain, stored);
        return stored.State ?? throw new InvalidOperationException($"no {stateName} state read for {grain}");
    }

    public Task DisposeAsync() => TestSilo.StopAsync(Cluster, DataDirectory);

    private sealed class SiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder)
        {
            var path = Path.Combine(TestSilo.DataDirectory(siloBuilder), "factory.db");
            siloBuilder.Services.AddSingleton<StorageFaults>();
            siloBuilder.Services.AddKeyedSingleton<IGrainStorage>(StorageNames.Plant, (sp, _) =>
                new FaultyGrainStorage(new SqliteGrainStorage(new SqliteStorageOptions { DatabasePath = path }), sp.GetRequiredService<StorageFaults>()));
            TestSilo.AddPlantClockAndOptions(siloBuilder);
        }
    }
}
