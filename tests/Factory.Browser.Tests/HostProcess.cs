using System.Diagnostics;
using System.Net;
using System.Text;

namespace Factory.Browser.Tests;

/// <summary>
/// The real Factory.Host in its own process on a free loopback port with its own data folder, so a real browser
/// can reach it. The working directory is the host project, so it serves the dashboard the build put in wwwroot.
/// </summary>
internal sealed class HostProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private HostProcess(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public static async Task<HostProcess> StartAsync(string dataDirectory)
    {
        var hostDll = Path.Combine(AppContext.BaseDirectory, "Factory.Host.dll");
        if (!File.Exists(hostDll))
        {
            throw new FileNotFoundException($"Factory.Host.dll is not next to the tests ({AppContext.BaseDirectory}); build the solution first.");
        }

        if (!File.Exists(Path.Combine(RepoPaths.HostProject, "wwwroot", "index.html")))
        {
            throw new FileNotFoundException("the dashboard was not built into src/Factory.Host/wwwroot; build src/Factory.Host (it runs npm) first.");
        }

        var port = FreePort.Next();
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = RepoPaths.HostProject,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[]
        {
            hostDll, "--urls", $"http://127.0.0.1:{port}",
            $"--Factory:DataDirectory={dataDirectory}", $"--Factory:PlantFile={RepoPaths.DemoPlant}",
            $"--Factory:SiloPort={FreePort.Next()}", $"--Factory:GatewayPort={FreePort.Next()}",
            // The simulated plant feeds the machines; no random failures, so a test fails a machine only when it means to.
            "--Factory:Simulator:MeanTimeBetweenFailures=365.00:00:00",
        })
        {
            start.ArgumentList.Add(arg);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start Factory.Host");
        var host = new HostProcess(process, new Uri($"http://127.0.0.1:{port}"));
        process.OutputDataReceived += (_, e) => host.Append(e.Data);
        process.ErrorDataReceived += (_, e) => host.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await host.WaitReadyAsync();
        }
        catch
        {
            await host.DisposeAsync(); // never leave a half-started host behind
            throw;
        }

        return host;
    }

    /// <summary>An API client that authenticates every request as <paramref name="user"/>.</summary>
    public HttpClient Client(PlantUser user)
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Add("Authorization", user.Basic);
        return client;
    }

    public ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
        return ValueTask.CompletedTask;
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    private async Task WaitReadyAsync()
    {
        using var client = Client(PlantUser.ControlRoom);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"Factory.Host exited with {_process.ExitCode}:\n{Output}");
            }

            try
            {
                if ((await client.GetAsync(new Uri("/health/ready", UriKind.Relative))).StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"Factory.Host was not ready within 60 s:\n{Output}");
    }
}
