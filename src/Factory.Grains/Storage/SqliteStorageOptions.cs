namespace Factory.Grains.Storage;

/// <summary>Where the embedded grain storage keeps its file.</summary>
public sealed class SqliteStorageOptions
{
    /// <summary>Path of the SQLite database file; its folder is created when missing.</summary>
    public string DatabasePath { get; set; } = "data/factory.db";
}
