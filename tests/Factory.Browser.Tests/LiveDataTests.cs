namespace Factory.Browser.Tests;

/// <summary>
/// How the page treats what arrives on the hub. Deltas are injected through the page's own entry point for hub
/// messages (<c>window.factory.live.receive</c>), since the demo host has no PLCs to make data stale.
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed class LiveDataTests(DashboardFixture fixture)
{
    private const string InjectNext = """
        ([id, quality, step, state]) => {
          const m = window.factory.store.machines.get(id);
          return window.factory.live.receive("MachineChanged", { machine: { ...m, quality, state: state ?? m.state, version: m.version + step } });
        }
        """;

    [Fact]
    public async Task Stale_and_disconnected_data_never_wear_a_state_colour()
    {
        var page = await fixture.SignedInPageAsync(PlantUser.ControlRoom);
        await Expect(page.GetByTestId("overview")).ToHaveAttributeAsync("data-complete", "true");
        var running = await BackgroundAsync(page, "ASM-01");

        foreach (var (id, quality) in new[] { ("INS-01", "Stale"), ("WLD-02", "Disconnected") })
        {
            // The injected delta holds only until the machine's next real one (its heartbeat changes every second), so the
            // tile is read in the same turn, two frames after the delta: what the page drew for that quality.
            TileSnapshot? drawn = null;
            for (var attempt = 0; attempt < 5 && drawn?.Quality != quality; attempt++)
            {
                drawn = await page.EvaluateAsync<TileSnapshot>(InjectAndRead, new object?[] { id, quality });
            }

            Assert.NotNull(drawn);
            Assert.Equal("applied", drawn.Outcome);
            Assert.Equal(quality, drawn.Quality);
            Assert.Contains("untrusted", drawn.ClassName, StringComparison.Ordinal);
            Assert.Equal(quality.ToUpperInvariant(), drawn.Label);
            Assert.Contains("repeating-linear-gradient", drawn.Background, StringComparison.Ordinal);
            Assert.NotEqual(running, drawn.Background);
        }

        await fixture.ScreenshotAsync(page, "overview-stale-and-disconnected");
        await page.Context.CloseAsync();
    }

    private const string InjectAndRead = """
        async ([id, quality]) => {
          const m = window.factory.store.machines.get(id);
          const outcome = window.factory.live.receive("MachineChanged", { machine: { ...m, quality, version: m.version + 1 } });
          await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
          const tile = document.querySelector(`[data-testid="machine-tile-${id}"]`);
          const label = document.querySelector(`[data-testid="machine-quality-${id}"]`);
          const style = getComputedStyle(tile);
          return { outcome, quality: tile.dataset.quality, className: tile.className, label: label?.textContent?.trim() ?? "",
            background: style.backgroundImage + " " + style.backgroundColor };
        }
        """;

    // What the page drew for a tile (Playwright fills it from the script's result by name).
    private sealed class TileSnapshot
    {
        public string Outcome { get; set; } = "";

        public string Quality { get; set; } = "";

        public string ClassName { get; set; } = "";

        public string Label { get; set; } = "";

        public string Background { get; set; } = "";
    }

    [Fact]
    public async Task A_version_gap_is_not_applied_and_the_page_resubscribes_for_a_fresh_snapshot()
    {
        var page = await fixture.SignedInPageAsync(PlantUser.ControlRoom);
        await Expect(page.GetByTestId("overview")).ToHaveAttributeAsync("data-complete", "true");
        var tile = page.GetByTestId("machine-tile-ASM-02");
        var state = await tile.GetAttributeAsync("data-state");
        var snapshots = await page.EvaluateAsync<int>("() => window.factory.live.snapshotCount");

        Assert.Equal("gap", await page.EvaluateAsync<string>(InjectNext, new object?[] { "ASM-02", "Good", 3, "Aborted" }));
        await page.WaitForFunctionAsync("n => window.factory.live.snapshotCount > n", snapshots);
        await Expect(tile).ToHaveAttributeAsync("data-state", state!);
        await Expect(tile).ToHaveAttributeAsync("data-live", "true");
        Assert.Equal("old", await page.EvaluateAsync<string>(InjectNext, new object?[] { "ASM-02", "Good", 0, "Aborted" }));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_machine_page_receives_that_machine_only_and_the_overview_resyncs_what_was_off_screen()
    {
        var page = await fixture.SignedInPageAsync(PlantUser.ControlRoom);
        await Expect(page.GetByTestId("overview")).ToHaveAttributeAsync("data-complete", "true");
        await page.GotoAsync("/#/machine/DRL-01");
        await Expect(page.GetByTestId("machine-detail-DRL-01")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("machine-tile-DRL-01")).ToHaveAttributeAsync("data-live", "true");
        var offScreenVersion = await page.EvaluateAsync<long>("() => window.factory.store.machines.get('CNC-03').version");

        using var api = fixture.Api(PlantUser.Manager);
        (await PlantApi.CommandAsync(api, "CNC-03", "Hold")).EnsureSuccessStatusCode();
        (await PlantApi.CommandAsync(api, "DRL-01", "Hold")).EnsureSuccessStatusCode();
        try
        {
            await PlantApi.SettledStateAsync(api, "CNC-03", "Held");
            await Expect(page.GetByTestId("machine-tile-DRL-01")).ToHaveAttributeAsync("data-state", "Held");
            Assert.Equal(offScreenVersion, await page.EvaluateAsync<long>("() => window.factory.store.machines.get('CNC-03').version"));

            await page.GetByTestId("nav-overview").ClickAsync();
            await Expect(page.GetByTestId("machine-tile-CNC-03")).ToHaveAttributeAsync("data-state", "Held");
            await Expect(page.GetByTestId("overview")).ToHaveAttributeAsync("data-complete", "true");
        }
        finally
        {
            // The machines run again for the tests after this one (a held machine refuses the jobs released to it).
            foreach (var machine in new[] { "CNC-03", "DRL-01" })
            {
                await PlantApi.OkAsync(PlantApi.CommandAsync(api, machine, "Unhold"));
                await PlantApi.SettledStateAsync(api, machine, "Execute");
            }

            await page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task Workers_page_shows_the_clock_and_highlights_certifications_expiring_within_30_days()
    {
        var page = await fixture.SignedInPageAsync(PlantUser.ControlRoom);
        await page.GetByTestId("nav-workers").ClickAsync();
        await Expect(page.GetByTestId("workers")).ToBeVisibleAsync();

        using var api = fixture.Api(PlantUser.ControlRoom);
        var workers = (await PlantApi.GetAsync(api, "/api/v1/workers")).EnumerateArray().ToList();
        Assert.Equal(workers.Count, await page.Locator("[data-testid^='worker-']").CountAsync());
        foreach (var worker in workers)
        {
            var id = worker.GetProperty("id").GetString()!;
            await Expect(page.GetByTestId($"worker-{id}")).ToHaveAttributeAsync("data-clocked-in", worker.GetProperty("clockedIn").GetBoolean() ? "true" : "false");
            foreach (var cert in worker.GetProperty("certifications").EnumerateArray())
            {
                var left = cert.GetProperty("validUntil").GetDateTimeOffset() - DateTimeOffset.UtcNow;
                var expected = left <= TimeSpan.Zero ? "expired" : left <= TimeSpan.FromDays(30) ? "expiring" : "valid";
                await Expect(page.GetByTestId($"cert-{id}-{cert.GetProperty("skill").GetString()}")).ToHaveAttributeAsync("data-cert-status", expected);
            }
        }

        // The demo plant has a machining certification that runs out in 10 days.
        await Expect(page.GetByTestId("cert-W01-machining")).ToHaveAttributeAsync("data-cert-status", "expiring");
        await fixture.ScreenshotAsync(page, "workers");
        await page.Context.CloseAsync();
    }

    private static Task<string> BackgroundAsync(IPage page, string machineId) =>
        page.GetByTestId($"machine-tile-{machineId}").EvaluateAsync<string>("el => { const s = getComputedStyle(el); return s.backgroundImage + ' ' + s.backgroundColor; }");
}
