using Factory.Grains;
using Factory.Grains.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace Factory.Connectivity.Tests;

/// <summary>An in-process test cluster with the real SQLite storage, for the connectors to feed.</summary>
public sealed class Cluster : IAsyncLifetime
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), "factory-conn-" + Guid.NewGuid().ToString("N"));

    public TestCluster Host { get; private set; } = null!;

    public IGrainFactory Grains => Host.GrainFactory;

    public async Task InitializeAsync()
    {
        var builder = new TestClusterBuilder(1);
        builder.ConfigureHostConfiguration(c => c.AddInMemoryCollection(new Dictionary<string, string?> { ["FactoryTestData"] = _data }));
        builder.AddSiloBuilderConfigurator<Configurator>();
        Host = builder.Build();
        await Host.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        await Host.StopAllSilosAsync();
        await Host.DisposeAsync();
    }

    private sealed class Configurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder)
        {
            siloBuilder.AddSqliteGrainStorage(StorageNames.Plant, o => o.DatabasePath = Path.Combine(siloBuilder.Configuration["FactoryTestData"]!, "factory.db"));
            siloBuilder.Services.AddSingleton(TimeProvider.System);
            siloBuilder.Services.AddSingleton(Factory.Domain.PlantClock.RealTime);
            siloBuilder.Services.Configure<DispatchOptions>(o => o.OptimizerTimeLimit = TimeSpan.Zero);
        }
    }
}
