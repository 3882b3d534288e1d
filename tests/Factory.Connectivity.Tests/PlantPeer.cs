using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Factory.Connectivity.Tests;

/// <summary>
/// An independent PLC: tests/interop/plant-peer.js on node-opcua, on a loopback port that survives a restart.
/// node and the npm packages must be installed (./test.sh runs npm ci; the message says how otherwise).
/// </summary>
internal sealed class PlantPeer : IAsyncDisposable
{
    private readonly string[] _arguments;
    private Process? _process;

    private PlantPeer(int port, string[] arguments)
    {
        Port = port;
        _arguments = arguments;
    }

    public int Port { get; }

    public Uri Endpoint => new($"opc.tcp://127.0.0.1:{Port}");

    public static async Task<PlantPeer> StartAsync(params string[] arguments)
    {
        var peer = new PlantPeer(FreePort(), arguments);
        await peer.StartAgainAsync();
        return peer;
    }

    public async Task StartAgainAsync()
    {
        var interop = Path.Combine(RepoRoot(), "tests", "interop");
        if (!File.Exists(Path.Combine(interop, "node_modules", "node-opcua", "package.json")))
        {
            throw new InvalidOperationException($"node-opcua is not installed in {interop}: run ./test.sh, or `npm ci` there (Node.js 20+: apt-get install nodejs npm).");
        }

        var info = new ProcessStartInfo("node")
        {
            WorkingDirectory = interop,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            // The peer shuts down when its stdin closes, so it never outlives the tests.
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "plant-peer.js", "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture) }.Concat(_arguments))
        {
            info.ArgumentList.Add(argument);
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("node did not start (apt-get install nodejs npm)");
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var log = new StringBuilder();
        process.OutputDataReceived += (_, e) =>
        {
            lock (log)
            {
                log.AppendLine(e.Data);
            }

            if (e.Data?.StartsWith("READY ", StringComparison.Ordinal) == true)
            {
                ready.TrySetResult();
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            lock (log)
            {
                log.AppendLine(e.Data);
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (await Task.WhenAny(ready.Task, Task.Delay(TimeSpan.FromSeconds(90))) != ready.Task)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("the plant peer did not start:\n" + log);
        }

        _process = process;
    }

    /// <summary>Kills the server at once (no goodbye to its clients): the endpoint is simply gone.</summary>
    public async Task KillAsync()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process?.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Factory.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Factory.sln not found");
    }
}
