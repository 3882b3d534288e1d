using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace Factory.Benchmarks.Dashboard;

/// <summary>
/// Load run of the dashboard in Debian's Chromium: time to a complete plant overview after navigation, and the
/// latency from a machine state change (a PackML command through the API) to the repainted tile with many pages
/// open. Run: <c>dotnet run -c Release --project tests/Factory.Benchmarks -- dashboard [--pages 20] [--changes 60] [--url http://host:port]</c>.
/// Without --url it starts the Release build of Factory.Host itself, on the demo plant or, with <c>--machines N</c>, on a
/// generated plant of N machines running its orders on the simulator (one page unless --pages says otherwise), where the
/// machine changed is one more on the first line that no operation needs, so the dispatcher does not move it too.
/// </summary>
public static class DashboardLoadRun
{
    private const string DemoMachine = "CNC-04";

    private const string WatchedMachine = "WATCH-1";

    // Each command moves the machine into a transient state at once, then the host settles it.
    private static readonly (string Command, string Transient, string Settled)[] Cycle =
    [
        ("Start", "Starting", "Execute"),
        ("Stop", "Stopping", "Stopped"),
        ("Reset", "Resetting", "Idle"),
    ];

    private const string WatchTile = """
        (id) => {
          window.__marks = [];
          const read = () => document.querySelector(`[data-testid="machine-tile-${id}"]`)?.dataset.state;
          let last = read();
          new MutationObserver(() => {
            const state = read();
            if (state && state !== last) {
              last = state;
              // The next animation frame is when the browser paints the changed tile.
              requestAnimationFrame(() => window.__marks.push({ state, t: performance.timeOrigin + performance.now() }));
            }
          }).observe(document.getElementById("app"), { subtree: true, childList: true, attributes: true });
        }
        """;

    // Before the page's own scripts: when each hub frame that names the machine arrives, so the latency splits into the
    // way to the browser (command, PLC, host, feed) and the page's own part (from the frame to the painted tile).
    private const string WatchFrames = """
        (() => {
          window.__frames = [];
          const id = "__ID__";
          const Native = window.WebSocket;
          window.WebSocket = class extends Native {
            constructor(...a) {
              super(...a);
              this.addEventListener("message", (e) => {
                if (typeof e.data === "string" && e.data.includes(id)) window.__frames.push({ data: e.data, t: performance.timeOrigin + performance.now() });
              });
            }
          };
        })();
        """;

    public static async Task<int> RunAsync(string[] args)
    {
        var machines = IntOption(args, "--machines", 0);
        var pages = IntOption(args, "--pages", machines > 0 ? 1 : 20);
        var changes = IntOption(args, "--changes", 60);
        var warmUp = IntOption(args, "--warm-up", 3);
        var url = Option(args, "--url");
        var machine = machines > 0 ? WatchedMachine : DemoMachine;
        if (!File.Exists("/usr/bin/chromium"))
        {
            Console.Error.WriteLine("/usr/bin/chromium is missing: apt-get install -y chromium");
            return 1;
        }

        string[] settings = machines > 0
            ? [$"--Factory:PlantFile={Execution.GeneratedPlant.Write(RepoRoot(), machines, machines * 4 / 5, 7, Math.Max(10, machines / 5), WatchedMachine)}", "--Factory:Simulator:Speed=1"]
            : [];
        await using var host = url is null ? await DashboardHost.StartAsync(RepoRoot(), settings) : null;
        var baseAddress = host?.BaseAddress ?? new Uri(url!);
        using var api = new HttpClient { BaseAddress = baseAddress };
        api.DefaultRequestHeaders.Add("Authorization", "Basic " + Convert.ToBase64String("manager:manager"u8.ToArray()));

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", "--disable-background-timer-throttling", "--disable-renderer-backgrounding",
                "--disable-backgrounding-occluded-windows",
            ],
        });

        Console.WriteLine($"Dashboard load run: {pages} pages on {baseAddress}{(machines > 0 ? $" ({machines + 1} machines)" : "")}, {changes} state changes of {machine} after {warmUp} warm-up changes");
        var overviewTimes = new List<double>();
        var open = new List<IPage>();
        for (var i = 0; i < pages; i++)
        {
            var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = baseAddress.ToString() });
            var login = await context.APIRequest.PostAsync("/api/v1/auth/login", new() { DataObject = new { userName = "control", password = "control" } });
            if (!login.Ok)
            {
                throw new InvalidOperationException($"sign-in failed: {login.Status}");
            }

            var page = await context.NewPageAsync();
            await page.AddInitScriptAsync(WatchFrames.Replace("__ID__", machine, StringComparison.Ordinal));
            await page.GotoAsync("/");
            await page.WaitForSelectorAsync("[data-testid=overview][data-complete=true]", new() { Timeout = 30_000 });
            overviewTimes.Add(await page.EvaluateAsync<double>("() => performance.getEntriesByName('overview-complete')[0].startTime"));
            await page.EvaluateAsync(WatchTile, machine);
            open.Add(page);
        }

        await SettleAsync(api, machine, "Idle", "Stopped", "Execute", "Aborted", "Held", "Complete");
        var browserCpu = ProcessFigures.ChromiumCpuSeconds();
        var loop = Stopwatch.StartNew();
        var sends = new List<(double At, string Transient)>();
        var roundTrips = new List<double>();
        for (var i = 0; i < warmUp + changes; i++)
        {
            var state = await StateAsync(api, machine);
            var step = Array.Find(Cycle, c => c.Settled == state);
            var (command, transient, settled) = step == default ? Cycle[1] : Cycle[(Array.IndexOf(Cycle, step) + 1) % Cycle.Length];
            var sentAt = NowMs();
            var clock = Stopwatch.StartNew();
            (await api.PostAsJsonAsync(new Uri($"/api/v1/machines/{machine}/commands", UriKind.Relative), new { command })).EnsureSuccessStatusCode();
            if (i >= warmUp)
            {
                roundTrips.Add(clock.Elapsed.TotalMilliseconds);
                sends.Add((sentAt, transient));
            }

            await SettleAsync(api, machine, settled);
            await Task.Delay(100); // let the settled state reach every page before the next change
        }

        await Task.Delay(500);
        var browserCores = (ProcessFigures.ChromiumCpuSeconds() - browserCpu) / loop.Elapsed.TotalSeconds;
        var latencies = new List<double>();
        var toBrowser = new List<double>();
        var inPage = new List<double>();
        var missed = 0;
        foreach (var page in open)
        {
            var marks = (await page.EvaluateAsync<JsonElement>("() => window.__marks")).EnumerateArray()
                .Select(m => (State: m.GetProperty("state").GetString()!, T: m.GetProperty("t").GetDouble())).ToList();
            var frames = (await page.EvaluateAsync<JsonElement>("() => window.__frames")).EnumerateArray()
                .Select(m => (Data: m.GetProperty("data").GetString()!, T: m.GetProperty("t").GetDouble())).ToList();
            for (var k = 0; k < sends.Count; k++)
            {
                // Only before the next change: a transient state the PLC's sampling skipped is not found in a later cycle.
                var (at, transient) = sends[k];
                var until = k + 1 < sends.Count ? sends[k + 1].At : double.MaxValue;
                var seen = marks.FirstOrDefault(m => m.T >= at && m.T < until && m.State == transient);
                if (seen == default)
                {
                    missed++; // the transient state can be superseded before it is sampled or a frame shows it; the settled one is then shown
                    continue;
                }

                latencies.Add(seen.T - at);
                var frame = frames.FirstOrDefault(f => f.T >= at && f.T <= seen.T && f.Data.Contains($"\"{transient}\"", StringComparison.Ordinal));
                if (frame != default)
                {
                    toBrowser.Add(frame.T - at);
                    inPage.Add(seen.T - frame.T);
                }
            }
        }

        Console.WriteLine($"time to complete overview after navigation: first page {overviewTimes[0]:F0} ms; all pages {Percentiles.Describe(overviewTimes)}");
        Console.WriteLine($"command round trip (API): {Percentiles.Describe(roundTrips)}");
        Console.WriteLine($"state change -> repainted tile with {pages} pages open: {Percentiles.Describe(latencies)}; transient states never painted: {missed}");
        Console.WriteLine($"  of which command -> hub frame in the browser: {Percentiles.Describe(toBrowser)}");
        Console.WriteLine($"  and hub frame -> repainted tile: {Percentiles.Describe(inPage)}");
        Console.WriteLine($"browser CPU while changing: {browserCores:F2} cores in all, {browserCores / pages:F2} per page");
        return 0;
    }

    private static double NowMs() => (DateTime.UtcNow - DateTime.UnixEpoch).TotalMilliseconds;

    private static async Task<string> StateAsync(HttpClient api, string machine) =>
        (await api.GetFromJsonAsync<JsonElement>($"/api/v1/machines/{machine}")).GetProperty("state").GetString()!;

    private static async Task SettleAsync(HttpClient api, string machine, params IReadOnlyList<string> states)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!states.Contains(await StateAsync(api, machine)))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{machine} did not reach {string.Join("/", states)}");
            }

            await Task.Delay(20);
        }
    }

    private static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    private static int IntOption(string[] args, string name, int fallback) =>
        Option(args, name) is { } value ? int.Parse(value, System.Globalization.CultureInfo.InvariantCulture) : fallback;

    internal static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Factory.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Factory.sln not found above the benchmark; pass --url of a running host");
    }
}
