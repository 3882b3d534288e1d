using Microsoft.Extensions.DependencyInjection;
using Orleans.Hosting;
using Orleans.Storage;

namespace Factory.Grains.Storage;

/// <summary>Registers the cluster's PostgreSQL grain storage.</summary>
public static class PostgresStorageSiloBuilderExtensions
{
    /// <summary>Adds a PostgreSQL-backed grain storage provider named <paramref name="name"/>.</summary>
    public static ISiloBuilder AddPostgresGrainStorage(this ISiloBuilder builder, string name, Action<PostgresStorageOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        var options = new PostgresStorageOptions();
        configure(options);
        builder.Services.AddKeyedSingleton<IGrainStorage>(name, (_, _) => new PostgresGrainStorage(options));
        return builder;
    }
}
