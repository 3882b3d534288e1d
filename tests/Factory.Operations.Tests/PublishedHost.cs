using System.Diagnostics;

namespace Factory.Operations.Tests;

/// <summary>
/// <c>dotnet publish src/Factory.Host</c> of the solution's build (without building again) into a temp folder, once
/// for the tests of the collection: what an operator copies to a server or into an image.
/// </summary>
public sealed class PublishedHost : IAsyncLifetime
{
    private readonly SemaphoreSlim _starting = new(1, 1);
    private HostProcess? _running;

    public string Folder { get; } = Directory.CreateTempSubdirectory("factory-published-").FullName;

    /// <summary>An unrelated empty folder the running host was started from.</summary>
    public string Elsewhere { get; } = Directory.CreateTempSubdirectory("factory-elsewhere-").FullName;

    public string HostDll => Path.Combine(Folder, "Factory.Host.dll");

    /// <summary>The configuration these tests were built in (the host's build output of the same one is published).</summary>
    public static string Configuration =>
        AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Debug{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Debug" : "Release";

    public async Task InitializeAsync()
    {
        var publish = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepoPaths.Root,
        };
        foreach (var arg in new[] { "publish", RepoPaths.HostProject, "-c", Configuration, "--no-build", "-o", Folder, "-nologo", "-v", "q" })
        {
            publish.ArgumentList.Add(arg);
        }

        using var process = Process.Start(publish) ?? throw new InvalidOperationException("could not run dotnet publish");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0 || !File.Exists(HostDll))
        {
            throw new InvalidOperationException($"dotnet publish failed ({process.ExitCode}); build the solution first:\n{await output}\n{await error}");
        }
    }

    /// <summary>
    /// The published host started once from <see cref="Elsewhere"/> with no plant file, data folder or settings file
    /// named (only free ports), as a service manager or a container with another working directory starts it.
    /// </summary>
    internal async Task<HostProcess> RunningAsync()
    {
        await _starting.WaitAsync();
        try
        {
            return _running ??= await HostProcess.StartFromAsync(HostDll, Elsewhere, []);
        }
        finally
        {
            _starting.Release();
        }
    }

    public async Task DisposeAsync()
    {
        if (_running is not null)
        {
            await _running.DisposeAsync();
        }

        _starting.Dispose();
        foreach (var folder in new[] { Folder, Elsewhere })
        {
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }
}
