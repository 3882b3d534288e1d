using System.Globalization;
using Npgsql;

namespace Factory.Cluster.Tests;

/// <summary>
/// A real PostgreSQL on a free loopback port with a fresh cluster in a temp folder (initdb), trusting local
/// connections. PostgreSQL refuses to run as root, so as root the folder goes to the <c>postgres</c> user and the
/// server runs as that user.
/// </summary>
internal sealed class PostgresServer : IDisposable
{
    private const string User = "postgres";

    private readonly LoopbackServer _server;

    private PostgresServer(LoopbackServer server) => _server = server;

    public int Port => _server.Port;

    /// <summary>Connection string of the <c>postgres</c> database (for creating test databases).</summary>
    public string AdminConnectionString => ConnectionStringFor("postgres");

    public static async Task<PostgresServer> StartAsync()
    {
        var bin = FindBinDirectory();
        var runAs = ServerProcess.RunsAsRoot ? User : null;
        return new PostgresServer(await LoopbackServer.StartAsync("postgres", "factory-pg-", async directory =>
        {
            var data = Path.Combine(directory, "data");
            Directory.CreateDirectory(data);
            if (runAs is not null && !OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute |
                    UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
                await ServerProcess.RunAsync("chown", [$"{User}:", data]);
            }

            await ServerProcess.RunAsync(Path.Combine(bin, "initdb"), ["-D", data, "-U", User, "-A", "trust", "-E", "UTF8", "--no-locale", "--no-sync"], runAs);
            var port = FreePort.Next();
            var process = ServerProcess.Start(Path.Combine(bin, "postgres"),
            [
                "-D", data, "-p", port.ToString(CultureInfo.InvariantCulture), "-k", data, "-c", "listen_addresses=127.0.0.1",
                // Test data need not survive a power cut; the silos' own durability is what the tests check.
                "-c", "fsync=off", "-c", "full_page_writes=off", "-c", "max_connections=300",
            ], runAs);
            return (process, port);
        }, AcceptsConnectionsAsync, "accept connections", TimeSpan.FromSeconds(60), TimeSpan.FromMilliseconds(100), StopFast));
    }

    /// <summary>A new empty database; its connection string.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = "t" + Guid.NewGuid().ToString("N");
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
        await command.ExecuteNonQueryAsync();
        return ConnectionStringFor(name);
    }

    public void Dispose() => _server.Dispose();

    /// <summary>
    /// A fast shutdown (SIGINT to the postmaster) lets PostgreSQL end its own backends, so none is left behind the
    /// way killing the process tree from outside can leave them.
    /// </summary>
    private static void StopFast(LoopbackServer server)
    {
        NpgsqlConnection.ClearAllPools();
        var pidFile = Path.Combine(server.Directory, "data", "postmaster.pid");
        try
        {
            if (File.Exists(pidFile) && int.TryParse(File.ReadLines(pidFile).FirstOrDefault(), out var pid))
            {
                using var kill = System.Diagnostics.Process.Start("kill", ["-INT", pid.ToString(CultureInfo.InvariantCulture)]);
                kill.WaitForExit(5_000);
                server.Process.WaitForExit(TimeSpan.FromSeconds(15));
            }
        }
        catch (Exception e) when (e is IOException or System.ComponentModel.Win32Exception)
        {
            // the process-tree kill below still ends it
        }
    }

    private string ConnectionStringFor(string database) => ConnectionStringFor(Port, database);

    private static string ConnectionStringFor(int port, string database) =>
        new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = port, Username = User, Database = database, Timeout = 30 }.ToString();

    private static string FindBinDirectory()
    {
        var candidates = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql")
                .Select(d => Path.Combine(d, "bin"))
                .Where(b => File.Exists(Path.Combine(b, "postgres")) && File.Exists(Path.Combine(b, "initdb")))
                .OrderByDescending(b => int.TryParse(Path.GetFileName(Path.GetDirectoryName(b)), out var v) ? v : 0)
                .ToList()
            : [];
        return candidates.FirstOrDefault()
            ?? throw new InvalidOperationException($"PostgreSQL (/usr/lib/postgresql/*/bin/postgres) was not found; {ServerProcess.InstallHint}");
    }

    private static async Task<bool> AcceptsConnectionsAsync(int port)
    {
        try
        {
            await using var connection = new NpgsqlConnection(ConnectionStringFor(port, "postgres") + ";Pooling=false");
            await connection.OpenAsync();
            return true;
        }
        catch (Exception e) when (e is NpgsqlException or System.Net.Sockets.SocketException or TimeoutException)
        {
            return false; // starting up
        }
    }
}
