using System.Diagnostics;
using System.Net.Sockets;

namespace Factory.Mqtt.Tests;

/// <summary>
/// A real MQTT broker for the tests: Debian's mosquitto on a free loopback port, with its own configuration, stopped
/// with the tests. Missing mosquitto fails with how to install it (./test.sh does).
/// </summary>
public sealed class MosquittoBroker : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "factory-mosquitto-" + Guid.NewGuid().ToString("N")[..8]);
    private Process? _process;

    public int Port { get; private set; }

    public Uri Url => new($"mqtt://127.0.0.1:{Port}");

    public BrokerSettings Settings(string clientId) => new(Url, clientId) { KeepAlive = TimeSpan.FromSeconds(2), ConnectTimeout = TimeSpan.FromSeconds(3) };

    public async Task InitializeAsync()
    {
        Port = FreePort.Next();
        await StartAsync();
    }

    /// <summary>Starts the broker (again, after <see cref="StopAsync"/>) on the same port.</summary>
    public async Task StartAsync()
    {
        var executable = new[] { "/usr/sbin/mosquitto", "/usr/bin/mosquitto" }.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("mosquitto is not installed: run ./test.sh, or apt-get install mosquitto");
        Directory.CreateDirectory(_folder);
        var config = Path.Combine(_folder, "mosquitto.conf");
        await File.WriteAllTextAsync(config, $"listener {Port} 127.0.0.1\nallow_anonymous true\npersistence false\nlog_dest stdout\n");
        var info = new ProcessStartInfo(executable) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(config);
        _process = Process.Start(info) ?? throw new InvalidOperationException("mosquitto did not start");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync("127.0.0.1", Port);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline && !_process.HasExited)
            {
                await Task.Delay(50);
            }
        }
    }

    /// <summary>Kills the broker: every client loses its connection.</summary>
    public async Task StopAsync()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill();
            await process.WaitForExitAsync();
        }

        _process?.Dispose();
        _process = null;
    }

    public async Task DisposeAsync()
    {
        await StopAsync();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
