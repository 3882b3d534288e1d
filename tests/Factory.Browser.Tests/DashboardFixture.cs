namespace Factory.Browser.Tests;

/// <summary>
/// One real host and one headless Debian Chromium shared by the dashboard tests (each test gets its own browser
/// context, so cookies and pages never leak between tests). Screenshots go to TestResults/screenshots under the
/// test output folder.
/// </summary>
public sealed class DashboardFixture : IAsyncLifetime
{
    /// <summary>Debian's Chromium; the Playwright-downloaded browsers are never used.</summary>
    public const string ChromiumPath = "/usr/bin/chromium";

    private static readonly string[] ChromiumArgs =
    [
        "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run",
    ];

    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), $"factory-browser-{Guid.NewGuid():N}");
    private HostProcess? _host;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public Uri BaseAddress => Host.BaseAddress;

    public string ScreenshotDirectory { get; } = Path.Combine(AppContext.BaseDirectory, "TestResults", "screenshots");

    internal HostProcess Host => _host ?? throw new InvalidOperationException("the fixture is not initialised");

    private IBrowser Browser => _browser ?? throw new InvalidOperationException("the fixture is not initialised");

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"{ChromiumPath} is missing; the browser tests drive Debian's Chromium. Install it: apt-get install -y chromium");
        }

        Directory.CreateDirectory(ScreenshotDirectory);
        Directory.CreateDirectory(_dataDirectory);
        if (!File.Exists(Path.Combine(RepoPaths.HostProject, "wwwroot", "index.html")))
        {
            throw new FileNotFoundException("the dashboard was not built into src/Factory.Host/wwwroot; build src/Factory.Host (it runs npm) first.");
        }

        // The simulated plant feeds the machines; no random failures, so a test fails a machine only when it means to.
        // Work reaches machines only when a test releases it, so every test finds the machines as the setup below leaves them.
        // The demo plant without breaks: a test that stops a machine now sees a stop to explain whatever the time of day.
        // Maintenance is evaluated only when a test asks (POST /maintenance/plans/evaluate): a slot the plan placed stays a
        // placed slot while a test looks at it, instead of becoming the order's window at the next 30 s tick.
        var hostStart = HostProcess.StartAsync(_dataDirectory, "--Factory:Simulator:MeanTimeBetweenFailures=365.00:00:00",
            "--Factory:Dispatch:ReleaseMode=Manual", $"--Factory:PlantFile={RoundTheClockPlant.Path}",
            "--Factory:Plant:MaintenanceEvaluationInterval=1.00:00:00");
        try
        {
            _playwright = await Playwright.CreateAsync();
            _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = ChromiumPath,
                Headless = true,
                Args = ChromiumArgs,
            });
            _host = await hostStart;
            await SetTheSceneAsync();
        }
        catch
        {
            // Nothing may be left running when the fixture cannot start (the host starts alongside the browser).
            if (_host is null)
            {
                try
                {
                    _host = await hostStart;
                }
                catch (Exception)
                {
                    // the first failure is the one reported
                }
            }

            await DisposeAsync();
            throw;
        }
    }

    public async Task DisposeAsync()
    {
        // Idempotent: a fixture that failed to start has already cleaned up.
        if (_browser is not null)
        {
            await _browser.CloseAsync();
            _browser = null;
        }

        _playwright?.Dispose();
        _playwright = null;
        if (_host is not null)
        {
            await _host.DisposeAsync();
            _host = null;
        }

        try
        {
            if (Directory.Exists(_dataDirectory))
            {
                Directory.Delete(_dataDirectory, recursive: true);
            }
        }
        catch (IOException)
        {
            // SQLite may still hold the file for a moment; the temp folder is cleaned by the system.
        }
    }

    public HttpClient Api(PlantUser user) => Host.Client(user.Basic);

    /// <summary>
    /// The demo's machines wait in Idle for work; the tests watch a plant where most of them run (free, without a job), one
    /// is Held and one Stopped, so the machines are commanded there through the API and their PLCs before any test starts.
    /// </summary>
    private async Task SetTheSceneAsync()
    {
        using var api = Api(PlantUser.Manager);
        string[] running = ["CNC-01", "CNC-02", "CNC-03", "DRL-01", "ASM-01", "ASM-02", "WLD-01", "INS-01", "LBL-01", "PCK-01", "TST-01"];
        foreach (var id in running)
        {
            (await PlantApi.CommandAsync(api, id, "Start")).EnsureSuccessStatusCode();
        }

        foreach (var id in running)
        {
            await PlantApi.SettledStateAsync(api, id, "Execute");
        }

        (await PlantApi.CommandAsync(api, "TST-01", "Hold")).EnsureSuccessStatusCode();
        await PlantApi.SettledStateAsync(api, "TST-01", "Held");
    }

    /// <summary>A fresh browser context signed in as <paramref name="user"/> through the sign-in page, on the overview.</summary>
    public async Task<IPage> SignedInPageAsync(PlantUser user)
    {
        var context = await NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");
        await page.GetByTestId("signin-user").FillAsync(user.Name);
        await page.GetByTestId("signin-password").FillAsync(user.Password);
        await page.GetByTestId("signin-submit").ClickAsync();
        await Expect(page.GetByTestId("user")).ToBeVisibleAsync();
        return page;
    }

    /// <summary>A fresh browser context (own cookies) on the host, not signed in.</summary>
    public Task<IBrowserContext> NewContextAsync() => Browser.NewContextAsync(new BrowserNewContextOptions
    {
        BaseURL = BaseAddress.ToString(),
        ViewportSize = new ViewportSize { Width = 1600, Height = 1000 },
    });

    /// <summary>A fresh browser context whose clock runs in <paramref name="timezoneId"/> with <paramref name="locale"/>, not the host's.</summary>
    public Task<IBrowserContext> NewContextAsync(string timezoneId, string locale) => Browser.NewContextAsync(new BrowserNewContextOptions
    {
        BaseURL = BaseAddress.ToString(),
        ViewportSize = new ViewportSize { Width = 1600, Height = 1000 },
        TimezoneId = timezoneId,
        Locale = locale,
    });

    public Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotDirectory, $"{name}.png"), FullPage = true });
}
