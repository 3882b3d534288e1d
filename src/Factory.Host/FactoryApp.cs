using System.Text.Json.Serialization;
using Factory.Grains;
using Factory.Host.Api;
using Factory.Host.Cluster;
using Factory.Host.Hub;
using Factory.Host.Mqtt;
using Factory.Host.Plant;
using Factory.Host.Security;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Factory.Host;

/// <summary>Builds the Factory web application with its co-hosted Orleans silo.</summary>
public static class FactoryApp
{
    /// <summary>Default address when neither <c>--urls</c> nor <c>ASPNETCORE_URLS</c> is given.</summary>
    public const string DefaultUrl = "http://localhost:5000";

    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration["http_ports"]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        ConfigureServices(builder);
        var app = builder.Build();
        ConfigurePipeline(app);
        return app;
    }

    private static void ConfigureServices(WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var factory = builder.Configuration.GetSection("Factory");
        services.Configure<FactoryOptions>(factory);
        services.PostConfigure<FactoryOptions>(o =>
        {
            o.PlantFile = Path.GetFullPath(o.PlantFile, builder.Environment.ContentRootPath);
            o.DataDirectory = Path.GetFullPath(o.DataDirectory, builder.Environment.ContentRootPath);
        });
        services.Configure<PlantOptions>(factory.GetSection("Plant"));
        services.Configure<DispatchOptions>(factory.GetSection("Dispatch"));
        var options = factory.Get<FactoryOptions>() ?? new FactoryOptions();

        services.Configure<ClusterSettings>(factory.GetSection("Cluster"));
        var cluster = factory.GetSection("Cluster").Get<ClusterSettings>() ?? new ClusterSettings();
        builder.UseOrleans(silo =>
            silo.UseFactoryCluster(cluster, options, Path.GetFullPath(options.DataDirectory, builder.Environment.ContentRootPath)));

        services.AddSingleton(PlantClock(factory.GetSection("Simulator")));
        services.Configure<SimulatorOptionsSection>(factory.GetSection("Simulator"));
        services.AddSingleton<SimulatorService>();
        services.AddHostedService(sp => sp.GetRequiredService<SimulatorService>());
        services.AddSingleton<PlantCatalog>();
        services.AddSingleton<PlantQueries>();
        // Registered after the silo, so it starts once the silo is up.
        services.AddHostedService<PlantLoader>();
        // Connectors judge staleness and reconnects in real time, even when the plant's clock runs fast for a demo.
        services.AddSingleton(sp => new Factory.Connectivity.PlantConnectivity(
            sp.GetRequiredService<IGrainFactory>(), TimeProvider.System, sp.GetRequiredService<ILoggerFactory>()));
        services.AddSingleton<EndpointOwnership>();
        services.AddHostedService<ConnectivityService>();
        services.AddSingleton<PlcWrites>();
        services.AddSingleton<IPlcDriver, PlcDriver>();
        services.AddSingleton<Production.ProductionCatalog>();
        services.AddSingleton<Production.KpiQueries>();
        services.AddSingleton<Production.MachineHistory>();
        services.AddSingleton<Production.LiveKpiFeed>();
        services.AddHostedService(sp => sp.GetRequiredService<Production.LiveKpiFeed>());
        services.AddFactoryAuditStore();
        services.AddSingleton<PlantFeed>();
        services.AddHostedService(sp => sp.GetRequiredService<PlantFeed>());
        services.AddFactoryMqtt(factory);

        services.AddFactorySecurity();
        services.AddProblemDetails();
        services.AddExceptionHandler<BadRequestExceptionHandler>();
        // Unreadable bodies throw in every environment (not only Development), so the handler above can say what is wrong.
        services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddOpenApi();
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        services.AddSignalR().AddJsonProtocol(o => o.PayloadSerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        services.AddHealthChecks()
            .AddCheck<PlantReadiness>("plant", tags: ["ready"]);
    }

    /// <summary>The plant's clock: real time, or (Factory:Simulator:Speed) a faster one for demos and tests.</summary>
    private static TimeProvider PlantClock(IConfiguration simulator)
    {
        var speed = simulator.GetValue("Speed", 1.0);
        if (!double.IsFinite(speed) || speed <= 0 || speed > 10_000)
        {
            throw new InvalidOperationException($"Factory:Simulator:Speed must be above 0 and at most 10000 (got {speed}).");
        }

        return speed == 1 ? TimeProvider.System : new Factory.Simulator.ScaledTimeProvider(TimeProvider.System, speed);
    }

    private static void ConfigurePipeline(WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseDefaultFiles();
        app.UseStaticFiles();
        app.UseAuthentication();
        app.UseAuthorization();

        app.MapOpenApi("/openapi/{documentName}.json");
        app.MapGroup("/api/v1").MapAuthApi();
        app.MapGroup("/api/v1")
            .RequireAuthorization(FactoryRoles.ReadPolicy)
            .MapSitesApi()
            .MapLinesApi()
            .MapMachinesApi()
            .MapWorkOrdersApi()
            .MapExecutionApi()
            .MapWorkersApi()
            .MapPlanApi()
            .MapScenariosApi()
            .MapGanttApi()
            .MapConnectionsApi()
            .MapProductionApi()
            .MapAlarmsApi()
            .MapSafetyApi()
            .MapStaffApi()
            .MapAuditApi();
        app.MapHub<PlantHub>("/hubs/plant").RequireAuthorization(FactoryRoles.ReadPolicy);
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") });
    }
}
