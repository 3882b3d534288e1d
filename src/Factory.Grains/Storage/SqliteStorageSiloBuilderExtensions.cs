using Microsoft.Extensions.DependencyInjection;
using Orleans.Hosting;
using Orleans.Storage;

namespace Factory.Grains.Storage;

/// <summary>Registers the embedded SQLite grain storage.</summary>
public static class SqliteStorageSiloBuilderExtensions
{
    /// <summary>Adds a SQLite-backed grain storage provider named <paramref name="name"/>.</summary>
    public static ISiloBuilder AddSqliteGrainStorage(this ISiloBuilder builder, string name, Action<SqliteStorageOptions> configure)
    {
        var options = new SqliteStorageOptions();
        configure(options);
        builder.Services.AddKeyedSingleton<IGrainStorage>(name, (_, _) => new SqliteGrainStorage(options));
        return builder;
    }
}
