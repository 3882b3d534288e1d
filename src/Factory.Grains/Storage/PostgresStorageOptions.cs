namespace Factory.Grains.Storage;

/// <summary>Where the cluster's grain storage keeps its table.</summary>
public sealed class PostgresStorageOptions
{
    /// <summary>Npgsql connection string of the database holding the <c>grain_state</c> table.</summary>
    public string ConnectionString { get; set; } = string.Empty;
}
