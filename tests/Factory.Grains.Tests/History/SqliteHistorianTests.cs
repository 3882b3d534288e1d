using Factory.Domain.History;
using Factory.Grains.History;

namespace Factory.Grains.Tests.History;

/// <summary>The historian contract on real SQLite files, without Orleans.</summary>
public sealed class SqliteHistorianTests : HistorianContract, IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("factory-history-").FullName;

    private string DatabasePath => Path.Combine(_directory, "history.db");

    protected override Task<IHistorian> CreateAsync() => Task.FromResult<IHistorian>(new SqliteHistorian(DatabasePath));

    protected override Task<IHistorian> ReopenAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        return Task.FromResult<IHistorian>(new SqliteHistorian(DatabasePath));
    }

    [Fact]
    public async Task The_file_is_in_write_ahead_log_mode()
    {
        var store = new SqliteHistorian(DatabasePath);
        await store.SetMarkerAsync("k", "v");

        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={DatabasePath}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", await command.ExecuteScalarAsync() as string);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still open for a moment; a leftover temp folder is harmless.
        }
    }
}
