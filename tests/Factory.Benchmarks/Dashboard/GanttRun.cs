using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Playwright;

namespace Factory.Benchmarks.Dashboard;

/// <summary>
/// Browser benchmark of the plan's Gantt in Debian's Chromium: the real dashboard bundle served by the real host, signed in as
/// a manager on <c>#/plan</c>, then a generated plan of 200 machines × 7 days (about 30,000 operations, three shifts a day
/// with breaks) handed to the live pane through its benchmark hook. Measures the first draw of the whole model, redraws and
/// frame intervals while scrolling down and across, zooming, and a drag of an operation across rows.
/// Run: <c>dotnet run -c Release --project tests/Factory.Benchmarks -- gantt [--machines 200] [--days 7] [--url http://host:port]</c>
/// after building src/Factory.Host in Release. Writes Dashboard/results/gantt.md.
/// </summary>
public static class GanttRun
{
    private const string Generate = """
        ({ machines, days }) => {
          let seed = 12345;
          const random = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
          const hour = 3600000, now = Date.now(), from = now - hour, to = from + days * 24 * hour;
          const rows = [], bars = [], shades = [];
          const risks = ["on-track", "on-track", "on-track", "at-risk", "overdue"];
          for (let m = 0; m < machines; m++) {
            const id = `M-${String(m).padStart(3, "0")}`;
            rows.push({ id, label: id, note: "Execute", available: true });
            let t = from + random() * hour;
            let k = 0;
            while (t < to) {
              const length = (20 + random() * 70) * 60000;
              const order = `WO-${Math.floor(random() * 2000)}`;
              bars.push({ key: `${id}#${k}`, rowId: id, workOrderId: order, sequence: k * 10, workerId: null, start: t, end: t + length,
                label: `${order} · op ${k}`, hue: Math.floor(random() * 360), risk: risks[Math.floor(random() * risks.length)], movable: true });
              t += length + random() * 30 * 60000;
              k++;
            }
          }
          for (let d = 0; d < days; d++) {
            for (const h of [2, 10, 18]) {
              const b = from + d * 24 * hour + h * hour;
              shades.push({ rowId: null, start: b, end: b + 15 * 60000, kind: "break", label: "break" });
            }
          }
          shades.push({ rowId: "M-005", start: now, end: now + 4 * hour, kind: "down", label: "down" });
          window.__ganttModel = { from, to, rows, bars, shades };
          return bars.length;
        }
        """;

    private const string Show = """
        async () => {
          const frame = () => new Promise(r => requestAnimationFrame(() => r()));
          const began = performance.now();
          window.factoryGantt.show(window.__ganttModel);
          const drawn = performance.now();
          await frame(); await frame();
          return { draw: drawn - began, painted: performance.now() - began, render: window.factoryGantt.live.lastRenderMs,
                   elements: window.factoryGantt.live.lastRenderedBars, nodes: document.querySelectorAll("[data-testid=gantt-live] *").length };
        }
        """;

    private const string Scroll = """
        async ({ dx, dy, steps }) => {
          const s = document.querySelector("[data-testid=gantt-live] .gantt-scroll");
          s.scrollTop = 0; s.scrollLeft = 0;
          const frame = () => new Promise(r => requestAnimationFrame(t => r(t)));
          const frames = [], renders = [];
          let last = await frame();
          for (let i = 0; i < steps; i++) {
            s.scrollTop += dy; s.scrollLeft += dx;
            const t = await frame();
            frames.push(t - last); last = t;
            renders.push(window.factoryGantt.live.lastRenderMs);
          }
          return { frames, renders, elements: window.factoryGantt.live.lastRenderedBars };
        }
        """;

    private const string Zoom = """
        async ({ factor, steps }) => {
          const frame = () => new Promise(r => requestAnimationFrame(() => r()));
          const renders = [];
          for (let i = 0; i < steps; i++) {
            window.factoryGantt.live.zoom(i % 2 === 0 ? factor : 1 / factor);
            renders.push(window.factoryGantt.live.lastRenderMs);
            await frame();
          }
          return renders;
        }
        """;

    private const string WatchFrames = """
        () => {
          window.__frames = [];
          let last = performance.now();
          const tick = (t) => { window.__frames.push(t - last); last = t; if (window.__watching) requestAnimationFrame(tick); };
          window.__watching = true;
          requestAnimationFrame(tick);
        }
        """;

    public static async Task<int> RunAsync(string[] args)
    {
        var machines = RunArguments.Int(args, "--machines", 200);
        var days = RunArguments.Int(args, "--days", 7);
        var url = RunArguments.Option(args, "--url");
        if (!File.Exists("/usr/bin/chromium"))
        {
            Console.Error.WriteLine("/usr/bin/chromium is missing: apt-get install -y chromium");
            return 1;
        }

        var load = File.ReadAllText("/proc/loadavg").Split(' ')[0];
        await using var host = url is null ? await DashboardHost.StartAsync(DashboardLoadRun.RepoRoot()) : null;
        var baseAddress = host?.BaseAddress ?? new Uri(url!);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1600, Height = 1000 },
        });
        var login = await context.APIRequest.PostAsync("/api/v1/auth/login", new() { DataObject = new { userName = "manager", password = "manager" } });
        if (!login.Ok)
        {
            throw new InvalidOperationException($"sign-in failed: {login.Status}");
        }

        var page = await context.NewPageAsync();
        await page.GotoAsync("/#/plan");
        await page.WaitForSelectorAsync("[data-testid=gantt-live] .gantt-bar", new() { Timeout = 30_000 });
        var operations = await page.EvaluateAsync<int>(Generate, new { machines, days });

        // First draws (the first one pays for JIT and style); the figure is the median of the later ones.
        var shows = new List<JsonElement>();
        for (var i = 0; i < 6; i++)
        {
            shows.Add(await page.EvaluateAsync<JsonElement>(Show));
        }

        var measured = shows.Skip(1).ToList();
        var down = await page.EvaluateAsync<JsonElement>(Scroll, new { dx = 0, dy = 84, steps = 60 });
        var across = await page.EvaluateAsync<JsonElement>(Scroll, new { dx = 60, dy = 0, steps = 120 });
        var diagonal = await page.EvaluateAsync<JsonElement>(Scroll, new { dx = 100, dy = 70, steps = 60 });
        var zoom = await page.EvaluateAsync<JsonElement>(Zoom, new { factor = 1.5, steps = 20 });

        // A drag across twenty rows: mouse down on a bar in view, 30 moves, release; frame intervals recorded meanwhile.
        await page.EvaluateAsync("() => { const s = document.querySelector('[data-testid=gantt-live] .gantt-scroll'); s.scrollTop = 0; s.scrollLeft = 0; }");
        await page.WaitForTimeoutAsync(100);
        var bar = page.Locator("[data-testid=gantt-live] .gantt-bar.movable").First;
        var box = await bar.BoundingBoxAsync() ?? throw new InvalidOperationException("no bar in view");
        await page.EvaluateAsync(WatchFrames);
        var dragClock = System.Diagnostics.Stopwatch.StartNew();
        await page.Mouse.MoveAsync(box.X + 5, box.Y + (box.Height / 2));
        await page.Mouse.DownAsync();
        await page.Mouse.MoveAsync(box.X + 200, box.Y + (20 * 28), new() { Steps = 30 });
        var hint = await page.GetByTestId("gantt-live-message").TextContentAsync();
        await page.Mouse.UpAsync();
        var dragMs = dragClock.Elapsed.TotalMilliseconds;
        await page.WaitForTimeoutAsync(100);
        var dragFrames = (await page.EvaluateAsync<JsonElement>("() => { window.__watching = false; return window.__frames; }")).EnumerateArray().Select(e => e.GetDouble()).ToList();
        var refusal = await page.GetByTestId("gantt-live-message").TextContentAsync();

        var md = new StringBuilder();
        md.AppendLine(CultureInfo.InvariantCulture, $"# Gantt in Chromium: {machines} machines × {days} days");
        md.AppendLine();
        md.AppendLine("Produced by `dotnet run -c Release --project tests/Factory.Benchmarks -- gantt` (Debian's headless Chromium, viewport 1600×1000, the Release");
        md.AppendLine("dashboard bundle served by the host, signed in as a manager on `#/plan`). The plan is generated in the page: every machine busy");
        md.AppendLine(CultureInfo.InvariantCulture, $"with 20–90 min operations and gaps up to 30 min over {days} days, three breaks a day, one machine down: **{operations:N0} operations**,");
        md.AppendLine("handed to the live pane through its benchmark hook (`window.factoryGantt.show`). Only rows and bars in view are in the DOM.");
        md.AppendLine(CultureInfo.InvariantCulture, $"Machine: {Environment.ProcessorCount} cores shared with other work; load average at the start: {load}.");
        md.AppendLine();
        md.AppendLine("| measurement | result |");
        md.AppendLine("|---|---|");
        md.AppendLine(CultureInfo.InvariantCulture, $"| first draw of the whole model (indexing {operations:N0} operations + writing the view), median of 5 | {Median(measured.Select(s => s.GetProperty("draw").GetDouble()))} ms |");
        md.AppendLine(CultureInfo.InvariantCulture, $"| … to the second painted frame | {Median(measured.Select(s => s.GetProperty("painted").GetDouble()))} ms |");
        md.AppendLine(CultureInfo.InvariantCulture, $"| redraw of the view alone | {Median(measured.Select(s => s.GetProperty("render").GetDouble()))} ms |");
        md.AppendLine(CultureInfo.InvariantCulture, $"| elements written per redraw (bars, shades) / DOM nodes in the pane | {measured[^1].GetProperty("elements").GetInt32()} / {measured[^1].GetProperty("nodes").GetInt32()} |");
        md.AppendLine(CultureInfo.InvariantCulture, $"| scrolling down (60 frames, 3 rows a frame, top to bottom): redraw | {Stats(down.GetProperty("renders"))} |");
        md.AppendLine(CultureInfo.InvariantCulture, $"| … frame interval | {Stats(down.GetProperty("frames"))} |");
        md.AppendLine(CultureInfo.InvariantCulture, $"| scrolling across (120 frames, 60 px a frame): redraw | {Stats(across.GetProperty("renders"))} |");
        md.AppendLine(CultureInfo.InvariantCulture, $"| … frame interval | {Stats(across.GetProperty("frames"))} |");
        md.AppendLine(CultureInfo.InvariantCulture, $"| scrolling diagonally (60 frames, 100 px across and 70 px down a frame): frame interval | {Stats(diagonal.GetProperty("frames"))} |");
        md.AppendLine(CultureInfo.InvariantCulture, $"| zoom in/out (20 steps ×1.5): redraw | {Stats(zoom)} |");
        md.AppendLine(CultureInfo.InvariantCulture, $"| drag across 20 rows (30 pointer moves, client-side check each): whole gesture / frame interval meanwhile | {dragMs:0} ms / {Stats(dragFrames)} |");
        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"During the drag the pane said \"{hint?.Trim()}\"; after the drop \"{refusal?.Trim()}\" (the generated operations belong to no real work order, so the check refuses them, as it must).");
        md.AppendLine("Frame intervals of headless Chromium are paced at about 16.7 ms; a redraw far below that leaves every frame on time.");
        var results = Path.Combine(DashboardLoadRun.RepoRoot(), "tests", "Factory.Benchmarks", "Dashboard", "results");
        Directory.CreateDirectory(results);
        await File.WriteAllTextAsync(Path.Combine(results, "gantt.md"), md.ToString());
        Console.WriteLine(md.ToString());
        return 0;
    }

    private static string Median(IEnumerable<double> values) => Percentiles.Of([.. values], 50).ToString("0.0", CultureInfo.InvariantCulture);

    private static string Stats(JsonElement values) => Stats([.. values.EnumerateArray().Select(v => v.GetDouble())]);

    private static string Stats(List<double> values) => string.Create(CultureInfo.InvariantCulture,
        $"p50 {Percentiles.Of(values, 50):0.0} ms, p95 {Percentiles.Of(values, 95):0.0} ms, max {Percentiles.Of(values, 100):0.0} ms");
}
