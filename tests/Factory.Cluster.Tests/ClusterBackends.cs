using Factory.Host.Cluster;

namespace Factory.Cluster.Tests;

/// <summary>One Redis and one PostgreSQL for the whole test run; each test takes its own database and cluster id.</summary>
public sealed class ClusterBackends : IAsyncLifetime
{
    private RedisServer? _redis;
    private PostgresServer? _postgres;

    internal RedisServer Redis => _redis ?? throw new InvalidOperationException("Redis is not started");

    internal PostgresServer Postgres => _postgres ?? throw new InvalidOperationException("PostgreSQL is not started");

    /// <summary>
    /// The settings every host of one cluster test starts with: the <paramref name="mode"/>, a database of the test's own,
    /// a cluster id of its own (so no test joins another's silos) and <see cref="HostPair.FailureDetection"/>; in
    /// <see cref="ClusterMode.Redis"/> mode, the Redis server too.
    /// </summary>
    internal async Task<string[]> ClusterSettingsAsync(ClusterMode mode, string clusterIdPrefix)
    {
        var postgres = await Postgres.CreateDatabaseAsync();
        string[] redis = mode == ClusterMode.Redis ? [$"--Factory:Cluster:Redis={Redis.ConnectionString}"] : [];
        return
        [
            $"--Factory:Cluster:Mode={mode}",
            .. redis,
            $"--Factory:Cluster:Postgres={postgres}",
            $"--Factory:Cluster:ClusterId={clusterIdPrefix}{Guid.NewGuid():N}",
            .. HostPair.FailureDetection,
        ];
    }

    public async Task InitializeAsync()
    {
        var redis = RedisServer.StartAsync();
        var postgres = PostgresServer.StartAsync();
        try
        {
            await Task.WhenAll(redis, postgres);
        }
        finally
        {
            _redis = redis.IsCompletedSuccessfully ? redis.Result : null;
            _postgres = postgres.IsCompletedSuccessfully ? postgres.Result : null;
        }
    }

    public Task DisposeAsync()
    {
        _redis?.Dispose();
        _postgres?.Dispose();
        return Task.CompletedTask;
    }
}
