using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace Factory.Benchmarks.Dashboard;

/// <summary>
/// Load run of the dashboard in Debian's Chromium: time to a complete plant overview after navigation, and the
/// latency from a machine state change (a PackML command through the API) to the repainted tile with many pages
/// open. Run: <c>dotnet run -c Release --project tests/Factory.Benchmarks -- dashboard [--pages 20] [--changes 60] [--url http://host:port]</c>.
/// Without --url it starts the Release build of Factory.Host itself.
/// </summary>
public static class DashboardLoadRun
{
    private const string Machine = "CNC-04";

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

    public static async Task<int> RunAsync(string[] args)
    {
        var pages = IntOption(args, "--pages", 20);
        var changes = IntOption(args, "--changes", 60);
        var warmUp = IntOption(args, "--warm-up", 3);
        var url = Option(args, "--url");
        if (!File.Exists("/usr/bin/chromium"))
        {
            Console.Error.WriteLine("/usr/bin/chromium is missing: apt-get install -y chromium");
            return 1;
        }

        await using var host = url is null ? await DashboardHost.StartAsync(RepoRoot()) : null;
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

        Console.WriteLine($"Dashboard load run: {pages} pages on {baseAddress}, {changes} state changes of {Machine} after {warmUp} warm-up changes");
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
            await page.GotoAsync("/");
            await page.WaitForSelectorAsync("[data-testid=overview][data-complete=true]", new() { Timeout = 30_000 });
            overviewTimes.Add(await page.EvaluateAsync<double>("() => performance.getEntriesByName('overview-complete')[0].startTime"));
            await page.EvaluateAsync(WatchTile, Machine);
            open.Add(page);
        }

        await SettleAsync(api, "Idle", "Stopped", "Execute", "Aborted", "Held", "Complete");
        var sends = new List<(double At, string Transient)>();
        var roundTrips = new List<double>();
        for (var i = 0; i < warmUp + changes; i++)
        {
            var state = await StateAsync(api);
            var step = Array.Find(Cycle, c => c.Settled == state);
            var (command, transient, settled) = step == default ? Cycle[1] : Cycle[(Array.IndexOf(Cycle, step) + 1) % Cycle.Length];
            var sentAt = NowMs();
            var clock = Stopwatch.StartNew();
            (await api.PostAsJsonAsync(new Uri($"/api/v1/machines/{Machine}/commands", UriKind.Relative), new { command })).EnsureSuccessStatusCode();
            if (i >= warmUp)
            {
                roundTrips.Add(clock.Elapsed.TotalMilliseconds);
                sends.Add((sentAt, transient));
            }

            await SettleAsync(api, settled);
            await Task.Delay(100); // let the settled state reach every page before the next change
        }

        await Task.Delay(500);
        var latencies = new List<double>();
        var missed = 0;
        foreach (var page in open)
        {
            var marks = (await page.EvaluateAsync<JsonElement>("() => window.__marks")).EnumerateArray()
                .Select(m => (State: m.GetProperty("state").GetString()!, T: m.GetProperty("t").GetDouble())).ToList();
            foreach (var (at, transient) in sends)
            {
                var seen = marks.FirstOrDefault(m => m.T >= at && m.State == transient);
                if (seen == default)
                {
                    missed++; // the transient state can be superseded before a frame shows it; the settled one is then shown
                    continue;
                }

                latencies.Add(seen.T - at);
            }
        }

        Console.WriteLine($"time to complete overview after navigation: first page {overviewTimes[0]:F0} ms; all pages {Percentiles.Describe(overviewTimes)}");
        Console.WriteLine($"command round trip (API): {Percentiles.Describe(roundTrips)}");
        Console.WriteLine($"state change -> repainted tile with {pages} pages open: {Percentiles.Describe(latencies)}; transient states never painted: {missed}");
        return 0;
    }

    private static double NowMs() => (DateTime.UtcNow - DateTime.UnixEpoch).TotalMilliseconds;

    private static async Task<string> StateAsync(HttpClient api) =>
        (await api.GetFromJsonAsync<JsonElement>($"/api/v1/machines/{Machine}")).GetProperty("state").GetString()!;

    private static async Task SettleAsync(HttpClient api, params IReadOnlyList<string> states)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!states.Contains(await StateAsync(api)))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{Machine} did not reach {string.Join("/", states)}");
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
