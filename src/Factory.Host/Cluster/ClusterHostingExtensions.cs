using System.Net;
using Factory.Grains;
using Factory.Grains.Storage;
using Factory.Host.Audit;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using StackExchange.Redis;

namespace Factory.Host.Cluster;

/// <summary>Wires the silo and the stores for the configured <see cref="ClusterMode"/>.</summary>
public static class ClusterHostingExtensions
{
    /// <summary>
    /// Embedded: localhost clustering and grain state in <c>factory.db</c> under <paramref name="dataDirectory"/>.
    /// Redis: membership and reminders in Redis, grain state in PostgreSQL, reachable at the advertised address.
    /// </summary>
    public static ISiloBuilder UseFactoryCluster(this ISiloBuilder silo, ClusterSettings cluster, FactoryOptions options, string dataDirectory)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        ArgumentNullException.ThrowIfNull(options);
        if (cluster.Problems() is { Count: > 0 } problems)
        {
            throw new InvalidOperationException("The cluster settings cannot run: " + string.Join("; ", problems));
        }

        if (cluster.Mode == ClusterMode.Embedded)
        {
            silo.UseLocalhostClustering(options.SiloPort, options.GatewayPort);
            silo.AddSqliteGrainStorage(StorageNames.Plant, s => s.DatabasePath = Path.Combine(dataDirectory, "factory.db"));
            return silo;
        }

        silo.Configure<Orleans.Configuration.ClusterOptions>(o =>
        {
            o.ClusterId = cluster.ClusterId;
            o.ServiceId = cluster.ServiceId;
        });
        silo.ConfigureEndpoints(AdvertisedAddress(cluster.AdvertisedIp), options.SiloPort, options.GatewayPort, listenOnAnyHostAddress: true);
        silo.UseRedisClustering(o => o.ConfigurationOptions = ConfigurationOptions.Parse(cluster.Redis!));
        silo.UseRedisReminderService(o => o.ConfigurationOptions = ConfigurationOptions.Parse(cluster.Redis!));
        silo.Configure<ClusterMembershipOptions>(o =>
        {
            if (cluster.ProbeTimeout is { } timeout)
            {
                o.ProbeTimeout = timeout;
            }

            if (cluster.MissedProbesLimit is { } missed)
            {
                o.NumMissedProbesLimit = missed;
            }
        });
        silo.AddPostgresGrainStorage(StorageNames.Plant, s => s.ConnectionString = cluster.Postgres!);
        return silo;
    }

    /// <summary>An IP address as given, or a host name's first IPv4 address (a container's own service name).</summary>
    private static IPAddress AdvertisedAddress(string advertised) =>
        IPAddress.TryParse(advertised, out var address)
            ? address
            : Dns.GetHostAddresses(advertised).FirstOrDefault(a => a.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork)
                ?? throw new InvalidOperationException($"Factory:Cluster:AdvertisedIp '{advertised}' has no IPv4 address");

    /// <summary>The audit trail: SQLite file <c>audit.db</c> in the data folder when embedded, PostgreSQL in a cluster.</summary>
    public static IServiceCollection AddFactoryAuditStore(this IServiceCollection services)
    {
        services.AddSingleton<IAuditStore>(sp =>
        {
            var cluster = sp.GetRequiredService<IOptions<ClusterSettings>>().Value;
            var clock = sp.GetRequiredService<PlantClock>();
            return cluster.Mode == ClusterMode.Embedded
                ? new SqliteAuditStore(
                    new AuditStoreOptions { DatabasePath = Path.Combine(sp.GetRequiredService<IOptions<FactoryOptions>>().Value.DataDirectory, "audit.db") },
                    clock)
                : new PostgresAuditStore(cluster.Postgres!, clock);
        });
        return services;
    }
}
