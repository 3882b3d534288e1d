using Factory.Domain.History;
using Factory.Grains.History;
using Factory.Host.Cluster;
using Microsoft.Extensions.Options;

namespace Factory.Host.History;

/// <summary>
/// Wires the historian for the configured <see cref="ClusterMode"/>: <c>history.db</c> in the data folder when embedded,
/// the cluster's PostgreSQL database otherwise.
/// </summary>
public static class HistoryHostingExtensions
{
    public static IServiceCollection AddFactoryHistorian(this IServiceCollection services, IConfiguration factory)
    {
        var settings = factory.GetSection("History").Get<HistorySettings>() ?? new HistorySettings();
        var retention = settings.ToRetention();
        if (retention.Problems() is { Count: > 0 } problems)
        {
            throw new InvalidOperationException("Factory:History cannot run: " + string.Join("; ", problems));
        }

        services.AddSingleton(retention);
        services.AddSingleton<IHistorian>(sp =>
        {
            var cluster = sp.GetRequiredService<IOptions<ClusterSettings>>().Value;
            var data = sp.GetRequiredService<IOptions<FactoryOptions>>().Value.DataDirectory;
            return cluster.Mode == ClusterMode.Embedded
                ? new SqliteHistorian(Path.Combine(data, "history.db"))
                : new PostgresHistorian(cluster.Postgres!);
        });
        services.AddSingleton(sp => new HistoryWriter(sp.GetRequiredService<IHistorian>(), sp.GetRequiredService<ILogger<HistoryWriter>>()));
        services.AddHostedService<HistoryMaintenance>();
        services.AddSingleton<HistoryMigration>();
        services.AddHostedService(sp => sp.GetRequiredService<HistoryMigration>());
        return services;
    }
}
