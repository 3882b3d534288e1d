using System.Diagnostics;
using System.Text.Json;

namespace Factory.Testing;

/// <summary>
/// A real SMTP server on loopback: Debian's aiosmtpd (python3-aiosmtpd) with a handler that saves every message it
/// is handed as JSON in a folder (<c>smtp_sink.py</c>).
/// </summary>
public sealed class SmtpSink : IDisposable
{
    /// <summary>Debian's interpreter, which the python3-aiosmtpd package installs for (another python3 on PATH may lack it).</summary>
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private static readonly string Python = File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";

    private readonly Process _server;
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "factory-smtp-" + Guid.NewGuid().ToString("N"));

    public SmtpSink()
    {
        var check = Process.Start(new ProcessStartInfo(Python, ["-c", "import aiosmtpd"]) { RedirectStandardError = true })!;
        check.WaitForExit();
        if (check.ExitCode != 0)
        {
            throw new InvalidOperationException("The notification tests need a real SMTP server: apt-get install -y python3-aiosmtpd");
        }

        Directory.CreateDirectory(_folder);
        Port = FreePort.Next();
        var script = Path.Combine(AppContext.BaseDirectory, "Notifications", "smtp_sink.py");
        _server = Process.Start(new ProcessStartInfo(Python, [script, Port.ToString(), _folder])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        _server.ErrorDataReceived += (_, _) => { };
        _server.BeginErrorReadLine();
        var ready = _server.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30)).GetAwaiter().GetResult();
        if (ready != "ready")
        {
            throw new InvalidOperationException($"the SMTP server did not start (said '{ready}')");
        }
    }

    public int Port { get; }

    /// <summary>Every message received so far.</summary>
    public IReadOnlyList<ReceivedMail> Received() =>
        Directory.EnumerateFiles(_folder, "*.json")
            .Select(f => JsonSerializer.Deserialize<ReceivedMail>(File.ReadAllText(f), Json)!)
            .ToList();

    /// <summary>Waits (up to <paramref name="timeout"/>) for a message matching <paramref name="match"/>.</summary>
    public async Task<ReceivedMail> WaitForAsync(Func<ReceivedMail, bool> match, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (Received().FirstOrDefault(match) is { } mail)
            {
                return mail;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"no email {what} within {timeout.TotalSeconds} s; received: {string.Join(" | ", Received().Select(m => $"{string.Join(",", m.To)}: {m.Subject}"))}");
            }

            await Task.Delay(50);
        }
    }

    public void Dispose()
    {
        try
        {
            _server.StandardInput.Close();
            if (!_server.WaitForExit(5000))
            {
                _server.Kill();
            }
        }
        finally
        {
            _server.Dispose();
            try
            {
                Directory.Delete(_folder, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }
}
