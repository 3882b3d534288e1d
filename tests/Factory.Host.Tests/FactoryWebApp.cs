using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Factory.Host.Tests;

/// <summary>
/// The real host (API, hub, co-hosted silo, SQLite storage) on the ASP.NET Core test server, with the demo
/// plant, its own data folder and free silo ports.
/// </summary>
public class FactoryWebApp : WebApplicationFactory<Program>
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), "factory-host-" + Guid.NewGuid().ToString("N"));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // Production, as the run command starts it: the factory's default of Development would hide differences
        // (e.g. how unreadable request bodies are answered).
        builder.UseEnvironment("Production");
        builder.UseSetting("Factory:PlantFile", PlantFile);
        builder.UseSetting("Factory:DataDirectory", DataDirectory);
        builder.UseSetting("Factory:SiloPort", FreePort.Next().ToString());
        builder.UseSetting("Factory:GatewayPort", FreePort.Next().ToString());
        builder.UseSetting("Factory:Plant:TransientStateDuration", "00:00:00.200");
        // API-driven machines unless a test turns the simulated plant on (SimulatedPlantTests).
        builder.UseSetting("Factory:Simulator:Enabled", "false");
        // Operations reach machines only when a test releases them (ExecutionTests turn automatic release on), so tests that
        // command machines find them in the state the plant file gives.
        builder.UseSetting("Factory:Dispatch:ReleaseMode", "Manual");
        if (ConfiguresUsers)
        {
            // Production has no demo users: the users are configured, as a real deployment does.
            foreach (var (key, value) in TestUsers.Configuration())
            {
                builder.UseSetting(key, value);
            }
        }
    }

    /// <summary>The plant file the host loads: the demo plant unless a fixture needs another.</summary>
    protected virtual string PlantFile => RepoPaths.DemoPlant;

    /// <summary>Whether the test users are configured (false for a host that starts with no users at all).</summary>
    protected virtual bool ConfiguresUsers => true;

    /// <summary>The test users (<see cref="TestUsers"/>), with their passwords.</summary>
    public static readonly (string Name, string Password) Manager = ("manager", "manager");

    public static readonly (string Name, string Password) ControlRoom = ("control", "control");

    /// <summary>The demo operator, bound to CNC-01 and CNC-02.</summary>
    public static readonly (string Name, string Password) Operator = ("operator", "operator");

    /// <summary>The demo maintenance user: maintenance orders and plans, reading everything else.</summary>
    public static readonly (string Name, string Password) Maintenance = ("maintenance", "maintenance");

    public static string Basic((string Name, string Password) user) =>
        "Basic " + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{user.Name}:{user.Password}"));

    /// <summary>A manager's HTTP client, once the plant is loaded and the feed subscribed.</summary>
    public Task<HttpClient> ReadyClientAsync() => ReadyClientAsync(Manager);

    /// <summary>An HTTP client signed in with Basic credentials (or anonymous when null), once the host is ready.</summary>
    public async Task<HttpClient> ReadyClientAsync((string Name, string Password)? user)
    {
        var client = CreateClient();
        if (user is { } u)
        {
            client.DefaultRequestHeaders.Add("Authorization", Basic(u));
        }

        var deadline = DateTime.UtcNow.AddSeconds(30);
        while ((await client.GetAsync("/health/ready")).StatusCode != System.Net.HttpStatusCode.OK)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("the host did not become ready within 30 s");
            }

            await Task.Delay(50);
        }

        return client;
    }

    /// <summary>A manager's SignalR client of <c>/hubs/plant</c> over WebSockets through the test server.</summary>
    public Task<HubConnection> HubAsync() => HubAsync(Manager);

    /// <summary>A SignalR client of <c>/hubs/plant</c>, signed in as <paramref name="user"/> (anonymous when null).</summary>
    public async Task<HubConnection> HubAsync((string Name, string Password)? user)
    {
        await ReadyClientAsync(null);
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(Server.BaseAddress, "/hubs/plant"), o =>
            {
                o.Transports = HttpTransportType.WebSockets;
                o.SkipNegotiation = true;
                o.WebSocketFactory = async (context, ct) =>
                {
                    var ws = Server.CreateWebSocketClient();
                    if (user is { } u)
                    {
                        ws.ConfigureRequest = r => r.Headers.Authorization = Basic(u);
                    }

                    return await ws.ConnectAsync(context.Uri, ct);
                };
            })
            .AddJsonProtocol(o => o.PayloadSerializerOptions.Converters.Add(new JsonStringEnumConverter()))
            .Build();
        await connection.StartAsync();
        return connection;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
