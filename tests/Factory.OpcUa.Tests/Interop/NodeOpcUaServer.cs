using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Factory.OpcUa.Tests.Interop;

/// <summary>
/// A node-opcua server process (tests/interop/opcua-server.js) on a free loopback port. Installs the pinned
/// npm packages on first use, waits for the ready line and kills the process tree when disposed.
/// </summary>
public sealed class NodeOpcUaServer : IAsyncDisposable
{
    private static readonly SemaphoreSlim s_install = new(1, 1);
    private readonly Process _process;
    private readonly StringBuilder _log = new();

    private NodeOpcUaServer(Process process, string endpoint, ushort ns)
    {
        _process = process;
        EndpointUrl = endpoint;
        NamespaceIndex = ns;
    }

    public string EndpointUrl { get; }

    public Uri Endpoint => new(EndpointUrl);

    /// <summary>The namespace of the Counters and Setpoint nodes.</summary>
    public ushort NamespaceIndex { get; }

    public const string UserName = "operator";

    public const string Password = "secret";

    public static string InteropDirectory { get; } = Path.Combine(FindRepositoryRoot(), "tests", "interop");

    /// <summary>Starts a server with extra arguments (e.g. "--buffer", "8192").</summary>
    public static async Task<NodeOpcUaServer> StartAsync(params string[] arguments)
    {
        await EnsureInstalledAsync().ConfigureAwait(false);
        var port = FreePort();
        var info = new ProcessStartInfo("node")
        {
            WorkingDirectory = InteropDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add("opcua-server.js");
        info.ArgumentList.Add("--port");
        info.ArgumentList.Add(port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        info.ArgumentList.Add("--user");
        info.ArgumentList.Add($"{UserName}:{Password}");
        foreach (var a in arguments)
        {
            info.ArgumentList.Add(a);
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("node did not start");
        var ready = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var log = new StringBuilder();
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                ready.TrySetException(new InvalidOperationException("The node-opcua server exited before it was ready:\n" + log));
                return;
            }

            lock (log)
            {
                log.AppendLine(e.Data);
            }

            if (e.Data.StartsWith("READY ", StringComparison.Ordinal))
            {
                ready.TrySetResult(e.Data);
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (log)
                {
                    log.AppendLine(e.Data);
                }
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var finished = await Task.WhenAny(ready.Task, Task.Delay(TimeSpan.FromSeconds(30))).ConfigureAwait(false);
        if (finished != ready.Task)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("The node-opcua server did not print its ready line within 30 s:\n" + log);
        }

        var parts = (await ready.Task.ConfigureAwait(false)).Split(' ');
        var ns = ushort.Parse(parts[2].AsSpan(3), System.Globalization.CultureInfo.InvariantCulture);
        var server = new NodeOpcUaServer(process, parts[1], ns);
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
            }
        }
        catch (InvalidOperationException)
        {
        }

        _process.Dispose();
    }

    internal static async Task EnsureInstalledAsync()
    {
        await s_install.WaitAsync().ConfigureAwait(false);
        try
        {
            if (!await RunsAsync("node", "--version") || !await RunsAsync("npm", "--version"))
            {
                throw new InvalidOperationException("node and npm are required for the interop tests: install Node.js 20+ (apt-get install nodejs npm).");
            }

            var modules = Path.Combine(InteropDirectory, "node_modules");
            var lockFile = Path.Combine(InteropDirectory, "package-lock.json");
            if (Directory.Exists(modules) && Directory.GetLastWriteTimeUtc(modules) >= File.GetLastWriteTimeUtc(lockFile)
                && File.Exists(Path.Combine(modules, "node-opcua", "package.json")))
            {
                return;
            }

            var info = new ProcessStartInfo("npm", "ci --no-audit --no-fund")
            {
                WorkingDirectory = InteropDirectory,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            using var npm = Process.Start(info)!;
            var output = npm.StandardOutput.ReadToEndAsync();
            var error = npm.StandardError.ReadToEndAsync();
            await npm.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(5)).ConfigureAwait(false);
            if (npm.ExitCode != 0)
            {
                throw new InvalidOperationException($"npm ci failed in {InteropDirectory}:\n{await output}\n{await error}");
            }

            Directory.SetLastWriteTimeUtc(modules, DateTime.UtcNow);
        }
        finally
        {
            s_install.Release();
        }
    }

    private static async Task<bool> RunsAsync(string file, string arguments)
    {
        try
        {
            using var p = Process.Start(new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true })!;
            await p.WaitForExitAsync().ConfigureAwait(false);
            return p.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string FindRepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Factory.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Factory.sln not found above " + AppContext.BaseDirectory);
    }
}
