using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Factory.Benchmarks.Dashboard;

/// <summary>A Factory.Host process for the load run: the Release build of src/Factory.Host on free loopback ports, own data folder.</summary>
internal sealed class DashboardHost : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _dataDirectory;

    private DashboardHost(Process process, Uri baseAddress, string dataDirectory)
    {
        _process = process;
        BaseAddress = baseAddress;
        _dataDirectory = dataDirectory;
    }

    public Uri BaseAddress { get; }

    /// <summary>The host's process id (for CPU and memory figures).</summary>
    public int ProcessId => _process.Id;

    /// <summary>Starts the host; <paramref name="settings"/> are extra command-line settings (<c>--Factory:Simulator:Speed=60</c>).</summary>
    public static async Task<DashboardHost> StartAsync(string repoRoot, params string[] settings)
    {
        var hostProject = Path.Combine(repoRoot, "src", "Factory.Host");
        var hostDll = Path.Combine(hostProject, "bin", "Release", "net10.0", "linux-x64", "Factory.Host.dll");
        if (!File.Exists(hostDll))
        {
            throw new FileNotFoundException($"{hostDll} is missing: dotnet build src/Factory.Host -c Release");
        }

        var data = Path.Combine(Path.GetTempPath(), $"factory-dashboard-load-{Guid.NewGuid():N}");
        Directory.CreateDirectory(data);
        var port = FreePort.Next();
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = hostProject,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };

        // As the deployment files run it (see NativeHeap); MALLOC_ARENA_MAX=0 in the benchmark's environment measures glibc's default.
        start.Environment["MALLOC_ARENA_MAX"] = Environment.GetEnvironmentVariable("MALLOC_ARENA_MAX") ?? "2";
        foreach (var arg in new[]
        {
            hostDll, "--urls", $"http://127.0.0.1:{port}", $"--Factory:DataDirectory={data}",
            $"--Factory:SiloPort={FreePort.Next()}", $"--Factory:GatewayPort={FreePort.Next()}", "--Logging:LogLevel:Default=Warning",
        }.Concat(TestUsers.CommandLine()).Concat(settings))
        {
            start.ArgumentList.Add(arg);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start Factory.Host");
        var output = new System.Collections.Concurrent.ConcurrentQueue<string>();
        void Keep(string? line)
        {
            if (line is null)
            {
                return;
            }

            output.Enqueue(line);
            while (output.Count > 40 && output.TryDequeue(out _))
            {
            }
        }

        process.OutputDataReceived += (_, e) => Keep(e.Data);
        process.ErrorDataReceived += (_, e) => Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var host = new DashboardHost(process, new Uri($"http://127.0.0.1:{port}"), data);
        using var client = new HttpClient { BaseAddress = host.BaseAddress };
        var deadline = DateTime.UtcNow.AddSeconds(180);
        while (DateTime.UtcNow < deadline && !process.HasExited)
        {
            try
            {
                if ((await client.GetAsync(new Uri("/health/ready", UriKind.Relative))).StatusCode == HttpStatusCode.OK)
                {
                    return host;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }

            await Task.Delay(100);
        }

        var exited = process.HasExited ? $"exited with {process.ExitCode}" : "did not become ready within 180 s";
        await host.DisposeAsync();
        throw new TimeoutException($"Factory.Host {exited}; its last output:\n{string.Join('\n', output)}");
    }

    public ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // best effort: a temp folder
        }

        return ValueTask.CompletedTask;
    }
}
