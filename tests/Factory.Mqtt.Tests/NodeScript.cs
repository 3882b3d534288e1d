using System.Diagnostics;
using System.Text.Json.Nodes;

namespace Factory.Mqtt.Tests;

/// <summary>
/// A script of tests/interop on Node.js (npm packages installed by ./test.sh): JSON lines in on stdin, JSON lines out on
/// stdout, each kept so a test can wait for the one it expects. The script ends when its stdin closes.
/// </summary>
public sealed class NodeScript : IAsyncDisposable
{
    private readonly Process _process;
    private readonly List<JsonNode> _lines = [];
    private readonly SemaphoreSlim _arrived = new(0);

    private NodeScript(Process process)
    {
        _process = process;
    }

    public IReadOnlyList<JsonNode> Lines
    {
        get
        {
            lock (_lines)
            {
                return [.. _lines];
            }
        }
    }

    public static NodeScript Start(string script, params string[] arguments)
    {
        var interop = Path.Combine(RepoPaths.Root, "tests", "interop");
        foreach (var package in new[] { "sparkplug-client", "mqtt" })
        {
            if (!File.Exists(Path.Combine(interop, "node_modules", package, "package.json")))
            {
                throw new InvalidOperationException($"{package} is not installed in {interop}: run ./test.sh, or `npm ci` there (Node.js 20+: apt-get install nodejs npm).");
            }
        }

        var info = new ProcessStartInfo("node")
        {
            WorkingDirectory = interop,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(script);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("node did not start (apt-get install nodejs npm)");
        var node = new NodeScript(process);
        process.OutputDataReceived += (_, e) => node.Receive(e.Data);
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return node;
    }

    public async Task SendAsync(object command)
    {
        await _process.StandardInput.WriteLineAsync(JsonSerializer.Serialize(command));
        await _process.StandardInput.FlushAsync();
    }

    /// <summary>The first line (from <paramref name="after"/> on) that matches, waiting for it up to <paramref name="timeout"/>.</summary>
    public async Task<JsonNode> WaitForAsync(Func<JsonNode, bool> match, TimeSpan timeout, int after = 0)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (Lines.Skip(after).FirstOrDefault(match) is { } found)
            {
                return found;
            }

            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero || _process.HasExited && !await _arrived.WaitAsync(0))
            {
                throw new TimeoutException($"node {_process.StartInfo.ArgumentList[0]} did not print the expected line; it printed: {string.Join(" | ", Lines.Select(l => l.ToJsonString()).TakeLast(20))}");
            }

            await _arrived.WaitAsync(left < TimeSpan.FromMilliseconds(200) ? left : TimeSpan.FromMilliseconds(200));
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            _process.StandardInput.Close();
            if (!_process.WaitForExit(3000))
            {
                _process.Kill(entireProcessTree: true);
            }

            await _process.WaitForExitAsync();
        }
        catch (InvalidOperationException)
        {
        }

        _process.Dispose();
    }

    private void Receive(string? line)
    {
        if (string.IsNullOrWhiteSpace(line) || line[0] != '{')
        {
            return;
        }

        try
        {
            var parsed = JsonNode.Parse(line)!;
            lock (_lines)
            {
                _lines.Add(parsed);
            }

            _arrived.Release();
        }
        catch (JsonException)
        {
        }
    }
}
