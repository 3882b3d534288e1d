using System.Diagnostics;

namespace Factory.Simulator.Tests;

/// <summary>
/// Runs a script of tests/interop with node (node-opcua's client), installing the pinned npm packages on first
/// use. Missing node/npm fails the test with how to install them.
/// </summary>
public static class NodeScript
{
    private static readonly SemaphoreSlim s_install = new(1, 1);

    public static string InteropDirectory { get; } = Path.Combine(SimulatorBehaviourTests.RepositoryRoot(), "tests", "interop");

    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(string script, TimeSpan timeout, params string[] arguments)
    {
        await EnsureInstalledAsync();
        var info = new ProcessStartInfo("node")
        {
            WorkingDirectory = InteropDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(script);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException("node did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        try
        {
            await process.WaitForExitAsync().WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"node {script} did not finish within {timeout.TotalSeconds} s:\n{await output}\n{await error}");
        }

        return (process.ExitCode, await output, await error);
    }

    private static async Task EnsureInstalledAsync()
    {
        await s_install.WaitAsync();
        try
        {
            if (!await RunsAsync("node", "--version") || !await RunsAsync("npm", "--version"))
            {
                throw new InvalidOperationException("node and npm are required for the interop tests: install Node.js 20+ (apt-get install nodejs npm).");
            }

            var modules = Path.Combine(InteropDirectory, "node_modules");
            if (File.Exists(Path.Combine(modules, "node-opcua", "package.json")))
            {
                return;
            }

            using var npm = Process.Start(new ProcessStartInfo("npm", "ci --no-audit --no-fund")
            {
                WorkingDirectory = InteropDirectory,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            })!;
            var output = npm.StandardOutput.ReadToEndAsync();
            var error = npm.StandardError.ReadToEndAsync();
            await npm.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(5));
            if (npm.ExitCode != 0)
            {
                throw new InvalidOperationException($"npm ci failed in {InteropDirectory}:\n{await output}\n{await error}");
            }
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
            await p.WaitForExitAsync();
            return p.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }
}
