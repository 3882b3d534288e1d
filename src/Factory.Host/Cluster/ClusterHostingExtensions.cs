using System.Net;
using Factory.Grains;
using Factory.Grains.Storage;
using Factory.Host.Audit;
using Microsoft.AspNetCore.DataProtection;
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
        if (cluster.Kubernetes)
        {
            // The pod's name and IP (from the downward API) identify the silo; Kubernetes hosting sets them.
            silo.Configure<EndpointOptions>(o =>
            {
                o.SiloPort = options.SiloPort;
                o.GatewayPort = options.GatewayPort;
            });
            silo.UseKubernetesHosting();
        }
        else
        {
            silo.ConfigureEndpoints(AdvertisedAddress(cluster.AdvertisedIp), options.SiloPort, options.GatewayPort, listenOnAnyHostAddress: true);
        }

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
        if (cluster.Mode == ClusterMode.Postgres)
        {
            UsePostgresOnly(silo, cluster.Postgres!);
            return silo;
        }

        silo.UseRedisClustering(o => o.ConfigurationOptions = ConfigurationOptions.Parse(cluster.Redis!));
        silo.UseRedisReminderService(o => o.ConfigurationOptions = ConfigurationOptions.Parse(cluster.Redis!));
        silo.AddPostgresGrainStorage(StorageNames.Plant, s => s.ConnectionString = cluster.Postgres!);
        return silo;
    }

    /// <summary>The official ADO.NET providers on one PostgreSQL database, its tables created before the silo joins.</summary>
    private static void UsePostgresOnly(ISiloBuilder silo, string connectionString)
    {
        const string invariant = "Npgsql";
        silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp =>
            new PostgresOrleansSchema(connectionString, sp.GetRequiredService<ILogger<PostgresOrleansSchema>>()));
        silo.UseAdoNetClustering(o =>
        {
            o.Invariant = invariant;
            o.ConnectionString = connectionString;
        });
        silo.UseAdoNetReminderService(o =>
        {
            o.Invariant = invariant;
            o.ConnectionString = connectionString;
        });
        silo.AddAdoNetGrainStorage(StorageNames.Plant, o =>
        {
            o.Invariant = invariant;
            o.ConnectionString = connectionString;
            // The same JSON as the other stores, rather than type-named JSON resolved through an allow-list.
            o.GrainStorageSerializer = new GrainStateJsonSerializer();
        });
    }

    /// <summary>An IP address as given, or a host name's first IPv4 address (a container's own service name).</summary>
    private static IPAddress AdvertisedAddress(string advertised) =>
        IPAddress.TryParse(advertised, out var address)
            ? address
            : Dns.GetHostAddresses(advertised).FirstOrDefault(a => a.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork)
                ?? throw new InvalidOperationException($"Factory:Cluster:AdvertisedIp '{advertised}' has no IPv4 address");

    /// <summary>
    /// Data Protection keys (what session cookies are sealed with): in the data folder when embedded (they survive
    /// restarts), in PostgreSQL in a cluster, so a cookie from one host is read by every host.
    /// </summary>
    public static IServiceCollection AddFactoryDataProtection(this IServiceCollection services, ClusterSettings cluster, string dataDirectory)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        var protection = services.AddDataProtection().SetApplicationName($"factory/{cluster.ServiceId}");
        if (cluster.Mode == ClusterMode.Embedded)
        {
            protection.PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(dataDirectory, "keys")));
        }
        else
        {
            services.Configure<Microsoft.AspNetCore.DataProtection.KeyManagement.KeyManagementOptions>(o =>
                o.XmlRepository = new PostgresKeyRepository(cluster.Postgres!));
        }

        return services;
    }

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
