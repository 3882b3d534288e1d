using System.Net.Http.Json;
using System.Text.RegularExpressions;

namespace Factory.Browser.Tests;

/// <summary>
/// The dashboard in German (#17, languages): a manager picks Deutsch in the header, the choice is kept on the server (it
/// survives a reload and reaches another browser), every page shows no English text that has a German one, and dates,
/// numbers and money are German. A user who never chose gets the browser's language.
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed partial class GermanDashboardTests(DashboardFixture fixture)
{
    // Each page, and what shows that it has drawn what it loads (so a "wird geladen…" is not all that is checked).
    private static readonly (string Name, string Hash, string Ready)[] Pages =
    [
        ("overview", "#/", "[data-testid=overview][data-complete=true]"),
        ("line", "#/line/L1", "[data-testid=line-detail-L1] .tile"),
        ("machine", "#/machine/CNC-01", "[data-testid=trend-CNC-01] .trend-status:not(:empty)"),
        ("board", "#/board", "[data-testid=board] [data-testid=plan-version]:text-matches('^v\\\\d+$')"),
        ("gantt", "#/plan", "[data-testid=gantt-version][data-version]"),
        ("kpis", "#/kpis", "[data-testid=kpi-table][data-window=shift] table"),
        ("alarms", "#/alarms", "[data-testid=alarm-active][data-live=true]"),
        ("audit", "#/audit", "[data-testid=audit-chain][data-intact=true]"),
        ("costs", "#/costs", "[data-testid=cost-orders] table"),
        // The reliability section is drawn once its review and the orders are in (the history above it is drawn first).
        ("maintenance", "#/maintenance", "[data-testid=reliability][data-loaded=true] [data-testid=reliability-trend]"),
        ("workers", "#/workers", "[data-testid=workers] table"),
        ("station", "#/station/CNC-01", "[data-testid=station-next]"),
    ];

    [Fact]
    public async Task A_manager_switches_to_German_and_every_page_and_the_sign_in_shows_no_English_with_German_dates_and_money()
    {
        var english = EnglishLeftovers.Load();
        Assert.True(english.Count > 300, $"only {english.Count} English texts to look for: are the resource files copied?");
        var page = await fixture.SignedInPageAsync(PlantUser.Manager);
        try
        {
            await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
            await page.GetByTestId("language").SelectOptionAsync("de");
            await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "de", new() { Timeout = 15_000 });
            await Expect(page.GetByTestId("nav-overview")).ToHaveTextAsync("Übersicht");

            var data = await ServerTextsAsync("CNC-01");
            var found = new List<string>();
            foreach (var (name, hash, ready) in Pages)
            {
                await page.GotoAsync("/" + hash);
                await Expect(page.Locator(ready).First).ToBeAttachedAsync(new() { Timeout = 20_000 });
                await OpenMoreAsync(page, name);
                found.AddRange(english.In(await ShownAsync(page), data).Select(e => $"{name}: {e}"));
                await fixture.ScreenshotAsync(page, $"german-{name}");
            }

            // Dates and money in German style: "03.12.2026, 14:05:07" and "-380,00 €" (grouped "1.234,56 €").
            await page.GotoAsync("/#/audit");
            await Expect(page.Locator("tr[data-testid^=audit-] td:nth-child(2)").First).ToHaveTextAsync(GermanDateTime(), new() { Timeout = 15_000 });
            await page.GotoAsync("/#/costs");
            await Expect(page.Locator("tr[data-variance]:not([data-variance='']) [data-testid$=-variance]").First).ToHaveTextAsync(GermanMoney(), new() { Timeout = 15_000 });
            await page.GotoAsync("/#/kpis");
            await Expect(page.GetByTestId("kpi-window").Locator("option[value=week]")).ToHaveTextAsync("letzte 7 Tage");

            // Kept on the server: a fresh browser (no local storage) signs in to German.
            var other = await fixture.SignedInPageAsync(PlantUser.Manager);
            await Expect(other.Locator("html")).ToHaveAttributeAsync("lang", "de", new() { Timeout = 15_000 });
            await Expect(other.GetByTestId("nav-board")).ToHaveTextAsync("Aufträge");
            await other.ReloadAsync();
            await Expect(other.GetByTestId("nav-board")).ToHaveTextAsync("Aufträge", new() { Timeout = 15_000 });
            await other.Context.CloseAsync();

            // Signed out, this browser's sign-in page speaks the language last used here.
            await page.GetByTestId("signout").ClickAsync();
            await Expect(page.GetByTestId("signin")).ToBeVisibleAsync(new() { Timeout = 15_000 });
            await Expect(page.GetByTestId("signin-submit")).ToHaveTextAsync("Anmelden");
            found.AddRange(english.In(await ShownAsync(page), data).Select(e => $"sign-in: {e}"));

            Assert.True(found.Count == 0, "English left on the German dashboard:\n" + string.Join("\n", found));
        }
        finally
        {
            // The shared host's other tests read the manager's pages in English.
            using var api = fixture.Api(PlantUser.Manager);
            await PlantApi.OkAsync(api.PutAsJsonAsync(new Uri("/api/v1/auth/me/preferences", UriKind.Relative), new { language = "en" }));
            await page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task A_user_who_never_chose_gets_the_browsers_language_when_it_is_supported_else_English()
    {
        foreach (var (locale, lang, signIn) in new[] { ("de-DE", "de", "Anmelden"), ("fr-FR", "en", "Sign in") })
        {
            var context = await fixture.NewContextAsync("Europe/Berlin", locale);
            try
            {
                var page = await context.NewPageAsync();
                await page.GotoAsync("/");
                await Expect(page.GetByTestId("signin-submit")).ToHaveTextAsync(signIn, new() { Timeout = 15_000 });
                await page.GetByTestId("signin-user").FillAsync(PlantUser.ControlRoom.Name);
                await page.GetByTestId("signin-password").FillAsync(PlantUser.ControlRoom.Password);
                await page.GetByTestId("signin-submit").ClickAsync();
                await Expect(page.GetByTestId("user")).ToBeVisibleAsync(new() { Timeout = 15_000 });
                await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", lang);
                await Expect(page.GetByTestId("language")).ToHaveValueAsync(lang);
            }
            finally
            {
                await context.CloseAsync();
            }
        }
    }

    /// <summary>What is drawn only on request is checked too: every alarm with its buttons, and the board's move picker.</summary>
    private static async Task OpenMoreAsync(IPage page, string name)
    {
        if (name == "alarms")
        {
            await page.GetByTestId("alarm-show-all").CheckAsync();
            await Expect(page.Locator("[data-testid=alarm-active] table")).ToBeVisibleAsync(new() { Timeout = 15_000 });
        }
        else if (name == "board")
        {
            await page.Locator("[data-testid^=reassign-]").First.ClickAsync();
            await Expect(page.Locator("[data-testid^=picker-]")).ToBeVisibleAsync(new() { Timeout = 15_000 });
        }
    }

    /// <summary>
    /// What the pages show as the server sends it, in the server's words: a machine's tag names (the PLC's identifiers,
    /// in its telemetry table and trend legend) and the audit trail's targets, reasons, results and details (the other
    /// tests' refusals, "machine CNC-03 is not one of your machines").
    /// </summary>
    private async Task<IReadOnlySet<string>> ServerTextsAsync(string machineId)
    {
        using var api = fixture.Api(PlantUser.Manager);
        var machine = await PlantApi.GetAsync(api, $"/api/v1/machines/{machineId}");
        var to = DateTimeOffset.UtcNow;
        var history = await PlantApi.GetAsync(api,
            $"/api/v1/machines/{machineId}/history?from={Uri.EscapeDataString(to.AddDays(-1).ToString("O"))}&to={Uri.EscapeDataString(to.ToString("O"))}&points=10");
        var audit = await PlantApi.GetAsync(api, "/api/v1/audit?limit=10000");
        // Who did it is a user name (the demo maintenance user is called "maintenance"): data, not a text of the dashboard.
        string[] fields = ["who", "target", "why", "result", "details"];
        var telemetry = machine.GetProperty("telemetry");
        return telemetry.GetProperty("tags").EnumerateObject().Concat(telemetry.GetProperty("numbers").EnumerateObject()).Select(p => p.Name)
            .Concat(history.GetProperty("tags").EnumerateArray().Select(t => t.GetProperty("tag").GetString()!))
            .Concat(audit.EnumerateArray().SelectMany(e => fields.Select(f => e.TryGetProperty(f, out var v) ? v.GetString() : null)))
            .OfType<string>().Select(t => t.Trim()).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>The page's visible text nodes, and every title, placeholder and aria-label, and the document title.</summary>
    private static async Task<IReadOnlyCollection<string>> ShownAsync(IPage page) =>
        await page.EvaluateAsync<string[]>("""
            () => {
              const shown = [document.title];
              const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
              for (let node = walker.nextNode(); node; node = walker.nextNode()) {
                const text = node.textContent.trim();
                const owner = node.parentElement?.closest("select") ?? node.parentElement;
                if (text && owner && !owner.closest("script, style") && owner.checkVisibility()) shown.push(text);
              }
              for (const el of document.querySelectorAll("[title], [placeholder], [aria-label]")) {
                for (const name of ["title", "placeholder", "aria-label"]) {
                  const value = el.getAttribute(name)?.trim();
                  if (value) shown.push(value);
                }
              }
              return shown;
            }
            """);

    [GeneratedRegex(@"^\d{2}\.\d{2}\.\d{4}, \d{2}:\d{2}:\d{2}$")]
    private static partial Regex GermanDateTime();

    [GeneratedRegex(@"^[+-]?\d{1,3}(\.\d{3})*,\d{2}\u00a0€$")]
    private static partial Regex GermanMoney();
}
