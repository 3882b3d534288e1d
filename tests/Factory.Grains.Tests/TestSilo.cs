using Factory.Grains;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace Factory.Grains.Tests;

/// <summary>
/// What the grain tests' clusters share: one in-process silo told its data folder, the plant's clock and options set
/// for tests, and a stop that removes the folder.
/// </summary>
internal static class TestSilo
{
    private const string DataKey = "FactoryTestData";

    /// <summary>Deploys a one-silo cluster configured by <typeparamref name="TConfigurator"/>, its data in <paramref name="dataDirectory"/>.</summary>
    public static async Task<TestCluster> DeployAsync<TConfigurator>(string dataDirectory)
        where TConfigurator : ISiloConfigurator, new()
    {
        var builder = new TestClusterBuilder(1);
        builder.ConfigureHostConfiguration(c => c.AddInMemoryCollection(new Dictionary<string, string?> { [DataKey] = dataDirectory }));
        builder.AddSiloBuilderConfigurator<TConfigurator>();
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }

    /// <summary>The data folder the silo was deployed with.</summary>
    public static string DataDirectory(ISiloBuilder siloBuilder) => siloBuilder.Configuration[DataKey]!;

    /// <summary>The real clock, and transitions and optimizer runs short enough for tests.</summary>
    public static void AddPlantClockAndOptions(ISiloBuilder siloBuilder)
    {
        siloBuilder.Services.AddSingleton(TimeProvider.System);
        siloBuilder.Services.AddSingleton(Factory.Domain.PlantClock.RealTime);
        siloBuilder.Services.Configure<PlantOptions>(o => o.TransientStateDuration = TimeSpan.FromMilliseconds(100));
        siloBuilder.Services.Configure<DispatchOptions>(o => o.OptimizerTimeLimit = TimeSpan.FromSeconds(1));
    }

    /// <summary>Stops the cluster and removes its data folder.</summary>
    public static async Task StopAsync(TestCluster cluster, string dataDirectory)
    {
        await cluster.StopAllSilosAsync();
        await cluster.DisposeAsync();
        try
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // SQLite may still hold the file for a moment; a leftover temp folder is harmless.
        }
    }
}
