namespace Factory.Cluster.Tests;

/// <summary>One Redis and one PostgreSQL for the whole test run; each test takes its own database and cluster id.</summary>
public sealed class ClusterBackends : IAsyncLifetime
{
    private RedisServer? _redis;
    private PostgresServer? _postgres;

    internal RedisServer Redis => _redis ?? throw new InvalidOperationException("Redis is not started");

    internal PostgresServer Postgres => _postgres ?? throw new InvalidOperationException("PostgreSQL is not started");

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
