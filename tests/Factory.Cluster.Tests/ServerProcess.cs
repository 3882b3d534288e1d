using System.Diagnostics;
using System.Text;

namespace Factory.Cluster.Tests;

/// <summary>A server binary run for the tests, with its output kept for failure messages; killed (whole tree) on dispose.</summary>
internal sealed class ServerProcess : IDisposable
{
    /// <summary>What to tell whoever runs the tests without the servers.</summary>
    public const string InstallHint = "install it with: apt-get install -y redis-server postgresql";

    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private ServerProcess(Process process) => _process = process;

    public bool HasExited => _process.HasExited;

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

    /// <summary>Whether the tests run as root (CI does), where PostgreSQL must be run as its own user.</summary>
    public static bool RunsAsRoot => Environment.UserName == "root";

    /// <summary>Starts <paramref name="file"/>; as <paramref name="user"/> through runuser when given.</summary>
    public static ServerProcess Start(string file, IEnumerable<string> arguments, string? user = null)
    {
        var start = new ProcessStartInfo(user is null ? file : "runuser")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (user is not null)
        {
            foreach (var a in new[] { "-u", user, "--", file })
            {
                start.ArgumentList.Add(a);
            }
        }

        foreach (var a in arguments)
        {
            start.ArgumentList.Add(a);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {file}");
        var server = new ServerProcess(process);
        process.OutputDataReceived += (_, e) => server.Append(e.Data);
        process.ErrorDataReceived += (_, e) => server.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return server;
    }

    /// <summary>Runs a command to its end and fails with its output when it does not succeed.</summary>
    public static async Task RunAsync(string file, IEnumerable<string> arguments, string? user = null)
    {
        using var server = Start(file, arguments, user);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        await server._process.WaitForExitAsync(timeout.Token);
        server._process.WaitForExit(); // drains the redirected output
        if (server._process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} exited with {server._process.ExitCode}:\n{server.Output}");
        }
    }

    /// <summary>Waits for the process to end by itself; false when it is still running after <paramref name="timeout"/>.</summary>
    public bool WaitForExit(TimeSpan timeout) => _process.WaitForExit(timeout);

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
            // already gone
        }

        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }
}
