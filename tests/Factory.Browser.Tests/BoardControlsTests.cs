using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;

namespace Factory.Browser.Tests;

/// <summary>
/// The board's remaining controls (#21, items 6 and 7): every planned card shows its planned start and end in the site's
/// zone (and work the plan cannot place says why), the queues say when they scroll, and the move picker offers only
/// machines and workers that can do the operation.
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed class BoardControlsTests(DashboardFixture fixture)
{
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    [Fact]
    public async Task Every_card_the_plan_places_shows_its_planned_start_and_end_in_the_sites_zone_and_unplanned_work_says_why()
    {
        using var api = fixture.Api(PlantUser.Manager);
        var context = await fixture.NewContextAsync("America/Los_Angeles", "en-GB");
        var page = await context.NewPageAsync();
        await SignInAsync(page, PlantUser.ControlRoom);
        await page.GotoAsync("/#/board");
        await Expect(page.GetByTestId("plan-version")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^v\\d+$"), new() { Timeout = 15_000 });

        // No machine can polish: the next plan lists the order as unplanned, with its reason, and the open board shows it.
        (await api.PostAsJsonAsync(new Uri("/api/v1/workorders", UriKind.Relative), new
        {
            id = "WO-NOPLAN", siteId = "plant-1", product = "Mirror", quantity = 3, dueDate = DateTimeOffset.UtcNow.AddHours(8), priority = 1,
            operations = new object[] { new { sequence = 10, name = "Polish", capability = "polish", standardDurationSeconds = 60 } },
        })).EnsureSuccessStatusCode();
        try
        {
            var unplanned = page.GetByTestId("planned-WO-NOPLAN-10");
            await Expect(unplanned).ToHaveAttributeAsync("data-unplanned", "true", new() { Timeout = 30_000 });
            await Expect(unplanned).ToContainTextAsync("not in the plan");
            await Expect(unplanned).ToContainTextAsync("no machine can 'polish'");

            // The plan may be replaced while the page is read: compare again until one plan and one page agree.
            var deadline = DateTime.UtcNow.AddSeconds(45);
            string? mismatch;
            do
            {
                mismatch = await PlannedMismatchAsync(api, page);
                if (mismatch is null)
                {
                    break;
                }

                await Task.Delay(500);
            }
            while (DateTime.UtcNow < deadline);
            Assert.Null(mismatch);
            await fixture.ScreenshotAsync(page, "board-planned-times");
        }
        finally
        {
            (await api.PostAsJsonAsync(new Uri("/api/v1/workorders/WO-NOPLAN/cancel", UriKind.Relative), new { reason = "test order" }))
                .EnsureSuccessStatusCode();
            await context.CloseAsync();
        }
    }

    [Fact]
    public async Task At_1600_by_900_the_board_says_how_many_queues_it_shows_and_that_it_scrolls()
    {
        var page = await fixture.SignedInPageAsync(PlantUser.ControlRoom);
        await page.SetViewportSizeAsync(1600, 900);
        await page.GotoAsync("/#/board");
        var hint = page.GetByTestId("board-scroll-hint");
        // The queues are drawn once the first plan arrives: count them only when the board shows one.
        await Expect(page.GetByTestId("plan-version")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^v\\d+$"), new() { Timeout = 15_000 });
        await Expect(hint).ToBeVisibleAsync(new() { Timeout = 15_000 });
        var total = await page.Locator(".queue").CountAsync();
        Assert.True(total >= 15, $"the demo has 14 machines and the unassigned queue, the board shows {total} queues");

        await Expect(hint).ToBeVisibleAsync();
        await Expect(hint).ToHaveAttributeAsync("data-total", total.ToString(CultureInfo.InvariantCulture));
        await Expect(hint).ToHaveAttributeAsync("data-first", "1");
        await Expect(hint).ToContainTextAsync("scroll →");
        var shown = int.Parse(await hint.GetAttributeAsync("data-shown") ?? "0", CultureInfo.InvariantCulture);
        Assert.InRange(shown, 1, total - 1);
        await Expect(hint).ToContainTextAsync($"showing {shown} of {total} queues");
        await fixture.ScreenshotAsync(page, "board-scroll-hint");

        await page.Locator(".queues").EvaluateAsync("q => { q.scrollLeft = q.scrollWidth; }");
        await Expect(hint).ToHaveAttributeAsync("data-last", total.ToString(CultureInfo.InvariantCulture));
        await Expect(hint).ToContainTextAsync("← scroll");
        await Expect(hint).Not.ToContainTextAsync("scroll →");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_move_picker_offers_capable_machines_available_first_and_qualified_workers_first_and_disables_the_rest()
    {
        using var api = fixture.Api(PlantUser.ControlRoom);
        var operation = (await PlantApi.GetAsync(api, "/api/v1/workorders/WO-1010")).GetProperty("operations")
            .EnumerateArray().Single(o => o.GetProperty("sequence").GetInt32() == 20);
        var capability = operation.GetProperty("capability").GetString()!;
        var skill = operation.GetProperty("skill").GetString()!;
        var level = operation.GetProperty("minSkillLevel").GetInt32();
        var page = await fixture.SignedInPageAsync(PlantUser.Manager);
        await page.GotoAsync("/#/board");
        var card = page.GetByTestId("op-WO-1010-20");
        await card.GetByTestId("reassign-WO-1010-20").ClickAsync();
        var machineOptions = page.GetByTestId("pick-machine-WO-1010-20").Locator("option");
        await Expect(machineOptions.First).ToBeAttachedAsync();

        // Read machines after the picker is drawn, so availability is what the picker saw (the scene does not change it).
        var machines = (await PlantApi.GetAsync(api, "/api/v1/machines?siteId=plant-1")).EnumerateArray().ToList();
        var capable = machines
            .Where(m => m.GetProperty("capabilities").EnumerateArray().Any(c => string.Equals(c.GetString(), capability, StringComparison.OrdinalIgnoreCase)))
            .OrderByDescending(m => m.GetProperty("available").GetBoolean()).ThenBy(m => m.GetProperty("id").GetString(), StringComparer.Ordinal)
            .Select(m => m.GetProperty("id").GetString()!).ToList();
        var offered = await OptionsAsync(machineOptions);
        Assert.Equal(capable, offered.Where(o => !o.Disabled).Select(o => o.Value).ToList());
        Assert.Equal(machines.Count, offered.Count);
        Assert.All(offered.Where(o => o.Disabled), o => Assert.Contains($"cannot {capability}", o.Text, StringComparison.Ordinal));

        var workers = (await PlantApi.GetAsync(api, "/api/v1/workers?siteId=plant-1")).EnumerateArray().ToList();
        // Qualified as the assignment rule says: the skill at the level (at least 1) and a certification for it valid now.
        var qualified = workers
            .Where(w => w.GetProperty("skills").TryGetProperty(skill, out var l) && l.GetInt32() >= Math.Max(1, level)
                && w.GetProperty("certifications").EnumerateArray().Any(c => string.Equals(c.GetProperty("skill").GetString(), skill, StringComparison.OrdinalIgnoreCase)
                    && c.GetProperty("validUntil").GetDateTimeOffset() > DateTimeOffset.UtcNow))
            .Select(w => w.GetProperty("id").GetString()!).Order(StringComparer.Ordinal).ToList();
        Assert.NotEmpty(qualified);
        var people = await OptionsAsync(page.GetByTestId("pick-worker-WO-1010-20").Locator("option"));
        Assert.Equal(qualified, people.TakeWhile(o => !o.Disabled).Select(o => o.Value).ToList());
        var unqualified = people.Skip(qualified.Count).ToList();
        Assert.Equal(workers.Count - qualified.Count, unqualified.Count);
        Assert.All(unqualified, o => Assert.True(o.Disabled && o.Text.Contains(skill, StringComparison.Ordinal), $"{o.Value} '{o.Text}' is offered"));
        await fixture.ScreenshotAsync(page, "board-move-picker");

        await card.Locator("button[data-action=cancel]").ClickAsync();
        await Expect(page.GetByTestId("picker-WO-1010-20")).ToHaveCountAsync(0);

        // Dropped on a packer, the card says the packer cannot do it and offers the first machine that can; nothing is sent.
        // The packer's queue is off screen at the far right: the drag is dispatched (the mouse would scroll the card away).
        var transfer = await page.EvaluateHandleAsync("() => new DataTransfer()");
        await card.DispatchEventAsync("dragstart", new { dataTransfer = transfer });
        await page.GetByTestId("queue-PCK-01").Locator("h3").DispatchEventAsync("drop", new { dataTransfer = transfer });
        await Expect(card.GetByTestId("refusal-WO-1010-20")).ToContainTextAsync($"PCK-01 cannot {capability}");
        await Expect(card.GetByTestId("pick-machine-WO-1010-20")).ToHaveValueAsync(capable[0]);
        await card.Locator("button[data-action=cancel]").ClickAsync();
        await Expect(page.GetByTestId("picker-WO-1010-20")).ToHaveCountAsync(0);
        await page.Context.CloseAsync();
    }

    private static async Task SignInAsync(IPage page, PlantUser user)
    {
        await page.GotoAsync("/");
        await page.GetByTestId("signin-user").FillAsync(user.Name);
        await page.GetByTestId("signin-password").FillAsync(user.Password);
        await page.GetByTestId("signin-submit").ClickAsync();
        await Expect(page.GetByTestId("user")).ToBeVisibleAsync();
    }

    private static async Task<List<(string Value, string Text, bool Disabled)>> OptionsAsync(ILocator options)
    {
        var rows = await options.EvaluateAllAsync<string[][]>("os => os.map(o => [o.value, o.textContent, String(o.disabled)])");
        return [.. rows.Select(r => (r[0], r[1], r[2] == "true"))];
    }

    /// <summary>The first planned operation whose card does not show the plan's start and end in Berlin time, or null.</summary>
    private static async Task<string?> PlannedMismatchAsync(HttpClient api, IPage page)
    {
        var plan = await PlantApi.GetAsync(api, "/api/v1/sites/plant-1/plan");
        var shown = (await page.Locator("[data-testid^='planned-']").EvaluateAllAsync<string[][]>(
                "es => es.map(e => [e.dataset.testid, e.dataset.start ?? '', e.dataset.end ?? '', e.textContent])"))
            .ToDictionary(r => r[0], r => (Start: r[1], End: r[2], Text: r[3]));
        var cards = (await page.Locator(".card[data-work-order]").EvaluateAllAsync<string[]>("cs => cs.map(c => c.dataset.testid)")).ToHashSet();
        var checkedCards = 0;
        foreach (var op in plan.GetProperty("operations").EnumerateArray())
        {
            var id = $"{op.GetProperty("workOrderId").GetString()}-{op.GetProperty("sequence").GetInt32()}";
            if (!cards.Contains($"op-{id}"))
            {
                continue; // finished operations have no card
            }

            checkedCards++;
            if (!shown.TryGetValue($"planned-{id}", out var p))
            {
                return $"{id} shows no planned time";
            }

            var start = op.GetProperty("start").GetDateTimeOffset();
            var end = op.GetProperty("end").GetDateTimeOffset();
            if (p.Start.Length == 0 || DateTimeOffset.Parse(p.Start, CultureInfo.InvariantCulture) != start
                || DateTimeOffset.Parse(p.End, CultureInfo.InvariantCulture) != end)
            {
                return $"{id} shows {p.Start}–{p.End}, the plan says {start:O}–{end:O}";
            }

            var expected = $"planned {Clock(start)}–{Clock(end)}";
            if (!p.Text.Contains(expected, StringComparison.Ordinal))
            {
                return $"{id} reads '{p.Text}', expected '{expected}' (Europe/Berlin)";
            }
        }

        return checkedCards > 0 ? null : "no card of a planned operation on the board";
    }

    private static string Clock(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, Berlin).ToString("HH:mm:ss", CultureInfo.InvariantCulture);
}
