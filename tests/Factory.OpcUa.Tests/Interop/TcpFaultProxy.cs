using System.Net;
using System.Net.Sockets;

namespace Factory.OpcUa.Tests.Interop;

/// <summary>
/// A loopback TCP proxy that can reset its connections or stall them (stop forwarding, keep the sockets open),
/// to test dead-connection detection and recovery against a real server.
/// </summary>
public sealed class TcpFaultProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly Uri _target;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Link> _links = [];
    private readonly Task _accepting;
    private volatile bool _partitioned;

    public TcpFaultProxy(Uri target)
    {
        _target = target;
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public Uri Endpoint => new($"opc.tcp://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}");

    public int ConnectionCount
    {
        get
        {
            lock (_links)
            {
                return _links.Count;
            }
        }
    }

    /// <summary>Resets every open connection (RST), as a crashed peer or a pulled cable with a router answering would.</summary>
    public void ResetAll()
    {
        foreach (var link in TakeLinks())
        {
            link.Reset();
        }
    }

    /// <summary>Stops forwarding on every open connection without closing it: a silent stall. New connections work.</summary>
    public void StallAll()
    {
        lock (_links)
        {
            foreach (var link in _links)
            {
                link.Stalled = true;
            }

            _links.Clear();
        }
    }

    /// <summary>
    /// A network partition: open connections stall and new ones are reset at once until <see cref="Heal"/>, so a
    /// client cannot reach the server however quickly it notices.
    /// </summary>
    public void Partition()
    {
        _partitioned = true;
        StallAll();
    }

    /// <summary>Ends a <see cref="Partition"/>: new connections reach the server again.</summary>
    public void Heal() => _partitioned = false;

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        foreach (var link in TakeLinks())
        {
            link.Reset();
        }

        try
        {
            await _accepting;
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }

        _stop.Dispose();
    }

    private List<Link> TakeLinks()
    {
        lock (_links)
        {
            var all = _links.ToList();
            _links.Clear();
            return all;
        }
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var client = await _listener.AcceptTcpClientAsync(_stop.Token);
            if (_partitioned)
            {
                client.Client.LingerState = new LingerOption(true, 0);
                client.Close();
                continue;
            }

            var server = new TcpClient { NoDelay = true };
            await server.ConnectAsync(_target.Host, _target.Port, _stop.Token);
            client.NoDelay = true;
            var link = new Link(client, server);
            lock (_links)
            {
                _links.Add(link);
            }

            link.Start(_stop.Token);
        }
    }

    private sealed class Link(TcpClient client, TcpClient server)
    {
        public volatile bool Stalled;

        public void Start(CancellationToken token)
        {
            _ = Pump(client.GetStream(), server.GetStream(), token);
            _ = Pump(server.GetStream(), client.GetStream(), token);
        }

        public void Reset()
        {
            foreach (var c in new[] { client, server })
            {
                try
                {
                    if (c.Client is { } socket)
                    {
                        socket.LingerState = new LingerOption(true, 0);
                    }

                    c.Close();
                }
                catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
                {
                }
            }
        }

        private async Task Pump(NetworkStream from, NetworkStream to, CancellationToken token)
        {
            var buffer = new byte[64 * 1024];
            try
            {
                while (true)
                {
                    var n = await from.ReadAsync(buffer, token);
                    if (n == 0)
                    {
                        break;
                    }

                    while (Stalled)
                    {
                        // Swallow everything: the peer sees an open but silent connection.
                        n = await from.ReadAsync(buffer, token);
                        if (n == 0)
                        {
                            return;
                        }
                    }

                    await to.WriteAsync(buffer.AsMemory(0, n), token);
                }
            }
            catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
            {
            }

            if (!Stalled)
            {
                Reset();
            }
        }
    }
}
