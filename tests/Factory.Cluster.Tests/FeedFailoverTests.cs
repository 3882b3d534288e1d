using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Factory.Contracts.Events;
using Factory.Contracts.Views;
using Factory.Host.Cluster;
using Factory.Host.Hub;
using Microsoft.AspNetCore.SignalR.Client;
using Xunit.Abstractions;

namespace Factory.Cluster.Tests;

/// <summary>
/// Two real hosts in the PostgreSQL-only mode (Orleans' ADO.NET membership, reminders and grain state; no Redis):
/// a session cookie from one host works on the other, and when the host holding the site's relay grain is killed, a
/// hub client on the survivor misses nothing.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class FeedFailoverTests(ClusterBackends backends, ITestOutputHelper output)
{
    [Fact]
    public async Task On_one_PostgreSQL_database_a_cookie_works_on_every_host_and_a_survivor_s_hub_client_misses_nothing_when_the_relay_s_host_dies()
    {
        string[] settings = [.. await backends.ClusterSettingsAsync(ClusterMode.Postgres, "feed-"), "--Factory:Simulator:Enabled=false"];
        await using var hosts = await HostPair.StartAsync("factory-feed-", settings, settings, output);
        await CookieFromOneHostWorksOnTheOtherAsync(hosts.A, hosts.B);
        await SurvivorMissesNothingAsync(hosts.A, hosts.B);
    }

    private static async Task CookieFromOneHostWorksOnTheOtherAsync(HostProcess a, HostProcess b)
    {
        var cookies = new CookieContainer();
        using var handler = new HttpClientHandler { CookieContainer = cookies };
        using var browserOnA = new HttpClient(handler) { BaseAddress = a.BaseAddress };
        using (var login = await browserOnA.PostAsJsonAsync("/api/v1/auth/login", new { userName = "manager", password = "manager" }))
        {
            Assert.True(login.IsSuccessStatusCode, $"sign-in on A: {(int)login.StatusCode}");
        }

        var cookie = cookies.GetCookieHeader(a.BaseAddress);
        Assert.Contains("factory.session=", cookie, StringComparison.Ordinal);

        // The same cookie, sent to B (another process, which never saw this sign-in), is accepted there.
        using var onB = new HttpClient { BaseAddress = b.BaseAddress };
        onB.DefaultRequestHeaders.Add("Cookie", cookie);
        using var me = await onB.GetAsync(new Uri("/api/v1/auth/me", UriKind.Relative));
        Assert.True(me.StatusCode == HttpStatusCode.OK, $"the cookie from A on B: {(int)me.StatusCode}");
        Assert.Contains("manager", await me.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private async Task SurvivorMissesNothingAsync(HostProcess a, HostProcess b)
    {
        // Kill the host whose silo holds the site's relay grain; its own /metrics says where Orleans activated it.
        var holder = await RelayHolderAsync(a, b);
        var survivor = ReferenceEquals(holder, a) ? b : a;
        output.WriteLine($"relay on {(ReferenceEquals(holder, a) ? "A" : "B")}; the survivor's hub client watches worker W08");

        using var api = survivor.Client(Api.ManagerAuthorization);
        await using var hub = await Api.HubAsync(survivor);
        var client = new WorkerFollower(hub, "W08");
        await client.SubscribeAsync();

        // Before the failure: a change through the survivor reaches its client.
        await ClockAsync(api, "clock-in");
        await Api.EventuallyAsync("the client sees W08 clocked in", HostPair.Deadline, () => client.MatchesAsync(api));

        holder.Kill();
        var killed = DateTime.UtcNow;

        // Right after the failure, while the relay comes back on the survivor with no subscriber: the change is published
        // into the gap. The client must still end up with it (delivered, or resent by the feed that noticed the loss).
        await ClockAsync(api, "clock-out");
        await Api.EventuallyAsync("the survivor's client sees W08 clocked out", HostPair.Deadline, () => client.MatchesAsync(api));
        output.WriteLine($"the client had the change {(DateTime.UtcNow - killed).TotalSeconds:F1} s after the kill; resyncs by gap: {client.Resyncs}");

        // The survivor's feed noticed the lost relay (and resent the site's state), rather than waiting for a refresh.
        Assert.Contains("The relay of site plant-1 was lost", survivor.Output, StringComparison.Ordinal);
        using var metrics = new HttpClient { BaseAddress = survivor.BaseAddress };
        Assert.Matches(new Regex("factory_feed_resyncs_total\\{[^}]*site=\"plant-1\"[^}]*\\} [1-9]"), await metrics.GetStringAsync(new Uri("/metrics", UriKind.Relative)));
    }

    private static async Task ClockAsync(HttpClient api, string action) =>
        await Api.SendAsync($"{action} W08", () => api.PostAsync(new Uri($"/api/v1/workers/W08/{action}", UriKind.Relative), null),
            HttpStatusCode.OK, HttpStatusCode.Conflict);

    private static async Task<HostProcess> RelayHolderAsync(HostProcess a, HostProcess b)
    {
        HostProcess? holder = null;
        await Api.EventuallyAsync("one host reports the site relay (plantfeed) active", HostPair.Deadline, async () =>
        {
            var onA = await RelayActivationsAsync(a);
            var onB = await RelayActivationsAsync(b);
            holder = onA >= 1 && onB == 0 ? a : onB >= 1 && onA == 0 ? b : null;
            return (holder is not null, $"plantfeed activations: A {onA}, B {onB}");
        });
        return holder!;
    }

    private static async Task<int> RelayActivationsAsync(HostProcess host)
    {
        using var client = new HttpClient { BaseAddress = host.BaseAddress };
        var text = await client.GetStringAsync(new Uri("/metrics", UriKind.Relative));
        var match = Regex.Match(text, "^orleans_grains\\{[^}]*grain_type=\"plantfeed\"[^}]*\\} ([0-9]+)", RegexOptions.Multiline);
        return match.Success ? int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : 0;
    }


    /// <summary>
    /// A hub client that keeps one worker the way the README tells clients to: a delta not newer than what it holds is
    /// dropped, the next version is applied, and a version gap makes it subscribe again for a fresh snapshot.
    /// </summary>
    private sealed class WorkerFollower(HubConnection hub, string workerId)
    {
        private readonly object _gate = new();
        private WorkerView? _worker;

        public int Resyncs { get; private set; }

        public async Task SubscribeAsync()
        {
            hub.On<WorkerChanged>("WorkerChanged", e =>
            {
                if (e.Worker.Id != workerId)
                {
                    return;
                }

                bool gap;
                lock (_gate)
                {
                    gap = _worker is { } held && e.Worker.Version > held.Version + 1;
                    if (!gap && (_worker is null || e.Worker.Version == _worker.Version + 1))
                    {
                        _worker = e.Worker;
                    }
                }

                if (gap)
                {
                    Resyncs++;
                    _ = ResyncAsync();
                }
            });
            await ResyncAsync();
        }

        /// <summary>Whether the client holds what the API says (same version and clock).</summary>
        public async Task<(bool Done, string Seen)> MatchesAsync(HttpClient api)
        {
            var actual = await api.TryJsonAsync($"/api/v1/workers/{workerId}");
            if (actual.Json is not { } json)
            {
                return (false, actual.Seen);
            }

            var version = json.GetProperty("version").GetInt64();
            var clockedIn = json.GetProperty("clockedIn").GetBoolean();
            lock (_gate)
            {
                return (_worker is { } held && held.Version == version && held.ClockedIn == clockedIn,
                    $"API: version {version} clockedIn {clockedIn}; client: version {_worker?.Version} clockedIn {_worker?.ClockedIn}");
            }
        }

        private async Task ResyncAsync()
        {
            var snapshot = await hub.InvokeAsync<PlantSnapshot>("SubscribeSite", "plant-1");
            var worker = snapshot.Workers.Single(w => w.Id == workerId);
            lock (_gate)
            {
                if (_worker is null || worker.Version >= _worker.Version)
                {
                    _worker = worker;
                }
            }
        }
    }
}
