using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;

namespace Factory.Operations.Tests;

/// <summary>The published host runs from any working directory, and refuses bad settings in one line.</summary>
[Collection(PublishedCollection.Name)]
public sealed class StartAnywhereTests(PublishedHost published)
{
    [Fact]
    public async Task Started_from_another_folder_it_reads_its_own_settings_plant_and_dashboard()
    {
        var host = await published.RunningAsync();

        // Its appsettings.json was read: the demo users sign in (a session cookie), and the plant loaded from plants/.
        using var handler = new HttpClientHandler { CookieContainer = new CookieContainer() };
        using var browser = new HttpClient(handler) { BaseAddress = host.BaseAddress };
        using (var login = await browser.PostAsJsonAsync("/api/v1/auth/login", new { userName = "manager", password = "manager" }))
        {
            Assert.True(login.IsSuccessStatusCode, $"sign-in: {(int)login.StatusCode} {await login.Content.ReadAsStringAsync()}\n{host.Output}");
        }

        var me = await browser.GetStringAsync(new Uri("/api/v1/auth/me", UriKind.Relative));
        Assert.Contains("manager", me, StringComparison.Ordinal);
        var lines = await browser.GetStringAsync(new Uri("/api/v1/lines", UriKind.Relative));
        Assert.Contains("\"L1\"", lines, StringComparison.Ordinal);

        // Its wwwroot was found: the dashboard and the script it loads.
        var index = await browser.GetStringAsync(new Uri("/", UriKind.Relative));
        Assert.Contains("<script", index, StringComparison.OrdinalIgnoreCase);
        var script = System.Text.RegularExpressions.Regex.Match(index, "src=\"(/assets/[^\"]+\\.js)\"");
        Assert.True(script.Success, index);
        using var asset = await browser.GetAsync(new Uri(script.Groups[1].Value, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, asset.StatusCode);

        // Relative paths went to the application's folder, nothing into the working directory.
        Assert.Empty(Directory.EnumerateFileSystemEntries(published.Elsewhere));
        Assert.True(File.Exists(Path.Combine(published.Folder, "data", "factory.db")), "the data folder is the application's data/");
        Assert.Contains($"Content root path: {published.Folder}", host.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("WebRootPath was not found", host.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--Factory:PlantFile=plants/missing.json", "Factory:PlantFile")]
    [InlineData("--Factory:Cluster:Mode=Sideways", "Factory:Cluster:Mode")]
    [InlineData("--Factory:Cluster:Mode=Postgres", "Factory:Cluster:Postgres")]
    [InlineData("--Factory:SiloPort=70000", "Factory:SiloPort")]
    public async Task A_bad_setting_stops_it_with_one_line_and_a_non_zero_exit_leaving_nothing_behind(string setting, string named)
    {
        var elsewhere = Directory.CreateTempSubdirectory("factory-bad-").FullName;
        try
        {
            var start = new ProcessStartInfo("dotnet")
            {
                WorkingDirectory = elsewhere,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var arg in new[] { published.HostDll, "--urls", $"http://127.0.0.1:{FreePort.Next()}", $"--Factory:DataDirectory={Path.Combine(elsewhere, "data")}", setting })
            {
                start.ArgumentList.Add(arg);
            }

            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await process.WaitForExitAsync(timeout.Token);

            var said = (await stdout + await stderr).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            Assert.NotEqual(0, process.ExitCode);
            var line = Assert.Single(said);
            Assert.StartsWith("Factory cannot start: ", line, StringComparison.Ordinal);
            Assert.Contains(named, line, StringComparison.Ordinal);
            Assert.Empty(Directory.EnumerateFileSystemEntries(elsewhere));
        }
        finally
        {
            Directory.Delete(elsewhere, recursive: true);
        }
    }
}
