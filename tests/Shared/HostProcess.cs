using System.Diagnostics;
using System.Net;
using System.Text;

namespace Factory.Testing;

/// <summary>
/// The real Factory.Host executable in its own process on free loopback ports with its own data folder, for tests that
/// need a real socket (a browser) or a real process (SIGKILL). Its working directory is the host project, so it serves
/// the dashboard the build put in wwwroot. Shared by the host and browser test projects (linked source).
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

    /// <summary>
    /// Starts the host and waits until it is ready; <paramref name="settings"/> are extra command-line settings, in which
    /// <c>{port}</c> stands for the HTTP port the host is polled on (for settings that name endpoints themselves).
    /// </summary>
    public static Task<HostProcess> StartAsync(string dataDirectory, params string[] settings)
    {
        var hostDll = Path.Combine(AppContext.BaseDirectory, "Factory.Host.dll");
        if (!File.Exists(hostDll))
        {
            throw new FileNotFoundException($"Factory.Host.dll is not next to the tests ({AppContext.BaseDirectory}); build the solution first.");
        }

        return LaunchAsync(hostDll, RepoPaths.HostProject,
            [$"--Factory:DataDirectory={dataDirectory}", $"--Factory:PlantFile={RepoPaths.DemoPlant}", .. settings], null);
    }

    /// <summary>
    /// Starts a host from <paramref name="hostDll"/> (e.g. a published one) in <paramref name="workingDirectory"/> with
    /// only free ports and <paramref name="settings"/> given, so its own appsettings.json and relative paths decide the
    /// rest; waits until it is ready. <paramref name="environment"/> adds environment variables.
    /// </summary>
    public static Task<HostProcess> StartFromAsync(
        string hostDll, string workingDirectory, IEnumerable<string> settings, IReadOnlyDictionary<string, string>? environment = null) =>
        LaunchAsync(hostDll, workingDirectory, [.. settings], environment);

    private static async Task<HostProcess> LaunchAsync(
        string hostDll, string workingDirectory, IReadOnlyList<string> settings, IReadOnlyDictionary<string, string>? environment)
    {
        var port = FreePort.Next();
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        foreach (var arg in new[]
        {
            hostDll, "--urls", $"http://127.0.0.1:{port}",
            $"--Factory:SiloPort={FreePort.Next()}", $"--Factory:GatewayPort={FreePort.Next()}",
        }.Concat(UsersUnlessNamed(settings)).Concat(settings.Select(s => s.Replace("{port}", port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal))))
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

    // The test users, unless the settings name users themselves (or none: an empty Factory:Users).
    private static string[] UsersUnlessNamed(IReadOnlyList<string> settings) =>
        settings.Any(s => s.StartsWith("--Factory:Users", StringComparison.OrdinalIgnoreCase)) ? [] : TestUsers.CommandLine();

    /// <summary>An API client that sends <paramref name="authorization"/> (e.g. "Basic …") with every request.</summary>
    public HttpClient Client(string authorization)
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Add("Authorization", authorization);
        return client;
    }

    /// <summary>The host's process id.</summary>
    public int ProcessId => _process.Id;

    /// <summary>
    /// SIGTERM, as a service manager or container runtime stops it; waits for the process to end and answers its exit
    /// code (null when it was still running after <paramref name="timeout"/>, and then it is killed).
    /// </summary>
    public async Task<int?> StopAsync(TimeSpan timeout)
    {
        using (var term = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await term.WaitForExitAsync();
        }

        using var wait = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(wait.Token);
        }
        catch (OperationCanceledException)
        {
            Kill();
            return null;
        }

        _process.WaitForExit(); // drains the redirected output
        return _process.ExitCode;
    }

    /// <summary>SIGKILL: no shutdown hooks, no flushing; only what was committed survives.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            Kill();
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
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                // HasExited can be true before the asynchronous readers have taken the last lines; the parameterless
                // wait returns only when both redirected streams reached their end, so the message holds what it said.
                _process.WaitForExit();
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
