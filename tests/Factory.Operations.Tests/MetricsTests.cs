using System.Net;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Factory.Operations.Tests;

/// <summary>The Prometheus scrape endpoint and the Orleans dashboard, over real HTTP on the published host.</summary>
[Collection(PublishedCollection.Name)]
public sealed class MetricsTests(PublishedHost published)
{
    private static readonly string Manager = "Basic " + Convert.ToBase64String("manager:manager"u8.ToArray());
    private static readonly string ControlRoom = "Basic " + Convert.ToBase64String("control:control"u8.ToArray());

    [Fact]
    public async Task Metrics_serves_Orleans_ASP_NET_Core_and_Factory_meters_without_sign_in()
    {
        var host = await published.RunningAsync();
        await using var hub = new HubConnectionBuilder()
            .WithUrl(new Uri(host.BaseAddress, "/hubs/plant"), o =>
            {
                o.Transports = HttpTransportType.WebSockets;
                o.SkipNegotiation = true;
                o.Headers["Authorization"] = Manager;
            })
            .AddJsonProtocol(o => o.PayloadSerializerOptions.Converters.Add(new JsonStringEnumConverter()))
            .Build();
        await hub.StartAsync();
        await hub.InvokeAsync<object>("SubscribeSite", "plant-1");

        using var anonymous = new HttpClient { BaseAddress = host.BaseAddress };
        var text = "";
        var deadline = DateTime.UtcNow.AddSeconds(60);
        string[] wanted =
        [
            // Orleans' own meters
            "orleans_grains{", "orleans_catalog_activations", "orleans_app_requests_latency_milliseconds_bucket",
            // ASP.NET Core and the runtime
            "http_server_request_duration_seconds_bucket", "dotnet_gc_collections_total",
            // Factory's: connectors (the simulated plant), dispatcher, storage, hub and feed
            "factory_connector_tag_updates_total{", "factory_connector_ingest_latency_milliseconds_bucket{",
            "factory_dispatch_replan_duration_milliseconds_count{", "factory_dispatch_replan_phase_duration_milliseconds_count{",
            "factory_storage_write_duration_milliseconds_count{",
            "factory_hub_clients", "factory_hub_invocations_total{", "factory_hub_messages_total{",
        ];
        while (DateTime.UtcNow < deadline)
        {
            using var response = await anonymous.GetAsync(new Uri("/metrics", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            text = await response.Content.ReadAsStringAsync();
            if (wanted.All(w => text.Contains(w, StringComparison.Ordinal)) && Value(text, "factory_hub_clients") >= 1)
            {
                break;
            }

            await Task.Delay(500);
        }

        foreach (var w in wanted)
        {
            Assert.True(text.Contains(w, StringComparison.Ordinal), $"/metrics lacks {w}:\n{text}");
        }

        Assert.Matches(new Regex("factory_connector_connected\\{[^}]*endpoint=\"sim\"[^}]*state=\"Connected\"[^}]*\\} 1"), text);
        Assert.Matches(new Regex("factory_connector_tag_updates_total\\{[^}]*endpoint=\"sim\"[^}]*\\} [1-9]"), text);
        Assert.Matches(new Regex("factory_storage_write_duration_milliseconds_count\\{[^}]*store=\"sqlite\"[^}]*\\} [1-9]"), text);
        Assert.Matches(new Regex("factory_dispatch_replan_duration_milliseconds_count\\{[^}]*site=\"plant-1\"[^}]*\\} [1-9]"), text);
        // Each re-plan says where its time went: building the problem, solving it, applying the plan.
        foreach (var phase in (string[])["picture", "solve", "apply"])
        {
            Assert.Matches(new Regex($"factory_dispatch_replan_phase_duration_milliseconds_count\\{{(?=[^}}]*site=\"plant-1\")(?=[^}}]*phase=\"{phase}\")[^}}]*\\}} [1-9]"), text);
        }

        Assert.Matches(new Regex("orleans_grains\\{[^}]*grain_type=\"machine\"[^}]*\\} 14"), text);
        Assert.True(Value(text, "factory_hub_clients") >= 1, text);
    }

    [Fact]
    public async Task The_Orleans_dashboard_is_for_managers_only()
    {
        var host = await published.RunningAsync();
        using var anonymous = new HttpClient { BaseAddress = host.BaseAddress };
        using var control = host.Client(ControlRoom);
        using var manager = host.Client(Manager);

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(new Uri("/orleans/", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await control.GetAsync(new Uri("/orleans/", UriKind.Relative))).StatusCode);
        using var page = await manager.GetAsync(new Uri("/orleans/", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("<html", await page.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(new Uri("/orleans/ClusterStats", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await manager.GetAsync(new Uri("/orleans/ClusterStats", UriKind.Relative))).StatusCode);
    }

    /// <summary>The value of an unlabelled (or first labelled) sample of <paramref name="name"/>, or -1.</summary>
    private static double Value(string text, string name)
    {
        var match = Regex.Match(text, $"^{Regex.Escape(name)}(\\{{[^}}]*\\}})? ([0-9.eE+-]+)", RegexOptions.Multiline);
        return match.Success ? double.Parse(match.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture) : -1;
    }
}
