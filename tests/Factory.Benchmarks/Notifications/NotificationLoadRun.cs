using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;

namespace Factory.Benchmarks.Notifications;

/// <summary>
/// Notification latency: a real host process with one rule (CNC-01 and CNC-02 alarms of priority High and above, emailed
/// at once) and a real SMTP server (aiosmtpd) on loopback. Raises <c>--alarms</c> alarms over the API, one every
/// <c>--interval</c>, by driving the spindle temperature over its limit and back, and measures from each alarm's
/// activation to the moment the SMTP server took its message. Goal: p99 ≤ 5 s.
/// <c>dotnet run -c Release --project tests/Factory.Benchmarks -- notification-load [--alarms 200] [--interval 00:00:00.050] [--out path]</c>
/// after <c>dotnet build src/Factory.Host -c Release</c>.
/// </summary>
internal static class NotificationLoadRun
{
    private static readonly string Manager = "Basic " + Convert.ToBase64String("manager:manager"u8.ToArray());

    public static async Task<int> RunAsync(string[] args)
    {
        var alarms = RunArguments.Int(args, "--alarms", 200);
        var interval = TimeSpan.Parse(RunArguments.Option(args, "--interval") ?? "00:00:00.050", CultureInfo.InvariantCulture);
        var output = RunArguments.Option(args, "--out") ?? Path.Combine(RepoPaths.Root, "tests", "Factory.Benchmarks", "Notifications", "results", "notification-load.md");
        var hostDll = Path.Combine(RepoPaths.HostProject, "bin", "Release", "net10.0", "linux-x64", "Factory.Host.dll");
        if (!File.Exists(hostDll))
        {
            Console.Error.WriteLine($"{hostDll} is missing: dotnet build src/Factory.Host -c Release");
            return 1;
        }

        using var smtp = new SmtpSink();
        var data = Directory.CreateTempSubdirectory("factory-notify-").FullName;
        await using var host = await HostProcess.StartFromAsync(hostDll, RepoPaths.HostProject,
        [
            $"--Factory:DataDirectory={data}", $"--Factory:PlantFile={RepoPaths.DemoPlant}",
            "--Factory:Simulator:Enabled=false", "--Factory:Dispatch:ReleaseMode=Manual", "--Logging:LogLevel:Default=Warning",
            "--Factory:Notifications:Smtp:Host=127.0.0.1", $"--Factory:Notifications:Smtp:Port={smtp.Port}",
            "--Factory:Notifications:Rules:0:Name=cnc-spindle", "--Factory:Notifications:Rules:0:MinPriority=High",
            "--Factory:Notifications:Rules:0:Machines:0=CNC-01", "--Factory:Notifications:Rules:0:Machines:1=CNC-02",
            "--Factory:Notifications:Rules:0:Levels:0:After=00:00:00", "--Factory:Notifications:Rules:0:Levels:0:Emails:0=shift@plant.test",
        ]);
        using var client = host.Client(Manager);
        var run = Stopwatch.StartNew();
        for (var i = 0; i < alarms; i++)
        {
            var at = DateTimeOffset.UtcNow;
            var machine = i % 2 == 0 ? "CNC-01" : "CNC-02";
            // Over the limit (the alarm activates) and straight back under it less its deadband (it clears, unacknowledged), so the next round activates it again.
            var events = new object[] { new { at, tags = new { spindle = 95.0 } }, new { at = at.AddMilliseconds(1), tags = new { spindle = 70.0 } } };
            (await client.PostAsJsonAsync($"/api/v1/machines/{machine}/events", new { events })).EnsureSuccessStatusCode();
            await Task.Delay(interval);
        }

        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (smtp.Received().Count < alarms && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        var mails = smtp.Received();
        var latencies = mails
            .Select(m => m.At - new DateTimeOffset(long.Parse(m.Event[(m.Event.LastIndexOf('@') + 1)..], CultureInfo.InvariantCulture), TimeSpan.Zero).ToUnixTimeMilliseconds() / 1000.0)
            .Order().ToList();
        if (latencies.Count == 0)
        {
            Console.Error.WriteLine("no email arrived");
            return 1;
        }

        double P(double q) => latencies[Math.Min(latencies.Count - 1, (int)Math.Ceiling(q * latencies.Count) - 1)];
        var (p50, p99, max) = (P(0.50), P(0.99), latencies[^1]);
        var load = File.ReadAllText("/proc/loadavg").Split(' ')[0];
        var table = string.Create(CultureInfo.InvariantCulture, $"""
            # Notification latency (event → message handed to the SMTP server)

            {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, load {load}; {alarms} alarms one every {interval.TotalMilliseconds:0} ms over the API, one real host process, aiosmtpd on loopback.

            | alarms | emails | p50 | p99 | max | goal p99 |
            |---|---|---|---|---|---|
            | {alarms} | {mails.Count} | {p50:0.000} s | {p99:0.000} s | {max:0.000} s | ≤ 5 s |

            Run took {run.Elapsed.TotalSeconds:0.0} s.
            """);
        Directory.CreateDirectory(Path.GetDirectoryName(output)!);
        await File.WriteAllTextAsync(output, table + "\n");
        Console.WriteLine(table);
        return mails.Count >= alarms && p99 <= 5 ? 0 : 1;
    }
}
