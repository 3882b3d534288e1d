using System.Net.Sockets;
using System.Text;

namespace Factory.Cluster.Tests;

/// <summary>A real redis-server on a free loopback port, in memory only (no RDB, no AOF), in a temp folder.</summary>
internal sealed class RedisServer : IDisposable
{
    private readonly ServerProcess _process;
    private readonly string _directory;

    private RedisServer(ServerProcess process, string directory, int port)
    {
        _process = process;
        _directory = directory;
        Port = port;
    }

    public int Port { get; }

    /// <summary>StackExchange.Redis connection string.</summary>
    public string ConnectionString => $"127.0.0.1:{Port}";

    public static async Task<RedisServer> StartAsync()
    {
        var binary = new[] { "/usr/bin/redis-server", "/usr/local/bin/redis-server" }.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException($"redis-server was not found; {ServerProcess.InstallHint}");
        var directory = Directory.CreateTempSubdirectory("factory-redis-").FullName;
        var port = FreePort.Next();
        var process = ServerProcess.Start(binary,
        [
            "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "",
            "--appendonly", "no", "--daemonize", "no", "--dir", directory,
        ]);
        var server = new RedisServer(process, directory, port);
        try
        {
            await server.WaitReadyAsync();
        }
        catch
        {
            server.Dispose();
            throw;
        }

        return server;
    }

    public void Dispose()
    {
        _process.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private async Task WaitReadyAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"redis-server exited:\n{_process.Output}");
            }

            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync("127.0.0.1", Port);
                var stream = client.GetStream();
                await stream.WriteAsync("PING\r\n"u8.ToArray());
                var buffer = new byte[16];
                var read = await stream.ReadAsync(buffer);
                if (Encoding.ASCII.GetString(buffer, 0, read).StartsWith("+PONG", StringComparison.Ordinal))
                {
                    return;
                }
            }
            catch (SocketException)
            {
                // not listening yet
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"redis-server did not answer PING within 30 s:\n{_process.Output}");
    }
}
