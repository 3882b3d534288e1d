using System.Net.Sockets;
using System.Text;

namespace Factory.Cluster.Tests;

/// <summary>A real redis-server on a free loopback port, in memory only (no RDB, no AOF), in a temp folder.</summary>
internal sealed class RedisServer : IDisposable
{
    private readonly LoopbackServer _server;

    private RedisServer(LoopbackServer server) => _server = server;

    public int Port => _server.Port;

    /// <summary>StackExchange.Redis connection string.</summary>
    public string ConnectionString => $"127.0.0.1:{Port}";

    public static async Task<RedisServer> StartAsync()
    {
        var binary = new[] { "/usr/bin/redis-server", "/usr/local/bin/redis-server" }.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException($"redis-server was not found; {ServerProcess.InstallHint}");
        return new RedisServer(await LoopbackServer.StartAsync("redis-server", "factory-redis-", directory =>
        {
            var port = FreePort.Next();
            var process = ServerProcess.Start(binary,
            [
                "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "",
                "--appendonly", "no", "--daemonize", "no", "--dir", directory,
            ]);
            return Task.FromResult((process, port));
        }, AnswersPingAsync, "answer PING", TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(50)));
    }

    public void Dispose() => _server.Dispose();

    private static async Task<bool> AnswersPingAsync(int port)
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync("127.0.0.1", port);
            var stream = client.GetStream();
            await stream.WriteAsync("PING\r\n"u8.ToArray());
            var buffer = new byte[16];
            var read = await stream.ReadAsync(buffer);
            return Encoding.ASCII.GetString(buffer, 0, read).StartsWith("+PONG", StringComparison.Ordinal);
        }
        catch (SocketException)
        {
            return false; // not listening yet
        }
    }
}
