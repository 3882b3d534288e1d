using System.Text.Json.Serialization;
using Factory.Grains;
using Factory.Host.Api;
using Factory.Host.Cluster;
using Factory.Host.Hosting;
using Factory.Host.Hub;
using Factory.Host.Mqtt;
using Factory.Host.Plant;
using Factory.Host.Security;
using Factory.Host.Telemetry;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Factory.Host;

/// <summary>Builds the Factory web application with its co-hosted Orleans silo.</summary>
public static class FactoryApp
{
    /// <summary>Default address when neither <c>--urls</c> nor <c>ASPNETCORE_URLS</c> is given.</summary>
    public const string DefaultUrl = "http://localhost:5000";

    /// <summary>
    /// Builds and runs the host until it is stopped. A host that cannot start prints one line saying what, which
    /// setting and how to fix it, and answers a non-zero exit code: 2 for a setting found wrong before anything
    /// started, 1 for a failure while starting.
    /// </summary>
    public static async Task<int> RunAsync(string[] args)
    {
        WebApplication app;
        try
        {
            app = Build(args);
        }
        catch (StartupProblem problem)
        {
            await Console.Error.WriteLineAsync($"Factory cannot start: {problem.Message}");
            return 2;
        }

        if (NativeHeap.Advice() is { } advice)
        {
            app.Logger.LogInformation("{Advice}", advice);
        }

        var started = false;
        using var onStarted = app.Lifetime.ApplicationStarted.Register(() => started = true);
        var data = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<FactoryOptions>>().Value.DataDirectory;
        var dataExisted = Directory.Exists(data);
        try
        {
            await app.RunAsync();
            return 0;
        }
        catch (Exception e) when (!started)
        {
            if (!dataExisted && Directory.Exists(data) && !Directory.EnumerateFileSystemEntries(data).Any())
            {
                Directory.Delete(data);
            }

            await Console.Error.WriteLineAsync($"Factory cannot start: {StartupFailure.Describe(e)}");
            return 1;
        }
    }

    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(HostLocation.BuilderOptions(args));
        if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration["http_ports"]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        var quiet = new ShutdownQuiet();
        foreach (var category in ShutdownQuiet.Categories)
        {
            builder.Logging.AddFilter(category, quiet.Allows);
        }

        var firstAdministrator = ConfigureServices(builder);
        var app = builder.Build();
        if (firstAdministrator is { } admin)
        {
            // One line saying where the password is; the password itself never goes to the log.
            app.Logger.LogWarning(
                "No users are configured: the Manager '{User}' signs in with the password in {File} (readable by this account only; {Made})",
                admin.User.Name, admin.File, admin.Created ? "made now" : "made on an earlier start");
        }

        app.Lifetime.ApplicationStopping.Register(quiet.Stopping);
        ConfigurePipeline(app);
        return app;
    }

    private static Security.FirstAdministrator? ConfigureServices(WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var factory = builder.Configuration.GetSection("Factory");
        var contentRoot = builder.Environment.ContentRootPath;
        var (options, cluster) = StartupChecks.Check(builder.Configuration, contentRoot);
        services.Configure<FactoryOptions>(factory);
        services.PostConfigure<FactoryOptions>(o =>
        {
            o.PlantFile = HostLocation.Resolve(o.PlantFile, contentRoot);
            o.DataDirectory = HostLocation.Resolve(o.DataDirectory, contentRoot);
        });
        // Outside Development no demo users are configured; a site without users gets one administrator (README, Security).
        var firstAdministrator = Security.FirstAdministrator.For(options.Users, builder.Environment.IsDevelopment(), options.DataDirectory);
        if (firstAdministrator is { } admin)
        {
            services.PostConfigure<FactoryOptions>(o =>
            {
                if (o.Users.Count == 0)
                {
                    o.Users.Add(admin.User);
                }
            });
        }
        services.Configure<PlantOptions>(factory.GetSection("Plant"));
        services.Configure<DispatchOptions>(factory.GetSection("Dispatch"));
        services.Configure<ClusterSettings>(factory.GetSection("Cluster"));
        var telemetry = factory.GetSection("Telemetry").Get<TelemetrySettings>() ?? new TelemetrySettings();
        services.AddSingleton(telemetry);
        builder.UseOrleans(silo => silo
            .UseFactoryCluster(cluster, options, options.DataDirectory)
            .UseFactoryTelemetry(telemetry, builder.Configuration));
        services.AddFactoryTelemetry(telemetry, builder.Configuration);
        services.AddFactoryDataProtection(cluster, options.DataDirectory);

        // The plant's time; Orleans, leases and the wire keep the TimeProvider Orleans registers (real time).
        services.AddSingleton(PlantTime(factory.GetSection("Simulator")));
        services.Configure<SimulatorOptionsSection>(factory.GetSection("Simulator"));
        services.AddSingleton<OpcUaPki>();
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
        services.AddSingleton<Alarms.AlarmCommands>();
        services.AddSingleton<Production.MachineHistory>();
        services.AddSingleton<Production.LiveKpiBook>();
        services.AddSingleton<Production.LiveKpiFeed>();
        services.AddSingleton<Costs.CostCatalog>();
        services.AddSingleton<Costs.CostQueries>();
        services.AddSingleton<Costs.CostFeed>();
        services.AddHostedService(sp => sp.GetRequiredService<Production.LiveKpiFeed>());
        services.AddFactoryAuditStore();
        Notifications.NotificationHostingExtensions.AddFactoryNotifications(services, factory);
        History.HistoryHostingExtensions.AddFactoryHistorian(services, factory);
        services.AddSingleton<PlantFeed>();
        services.AddHostedService(sp => sp.GetRequiredService<PlantFeed>());
        services.AddFactoryMqtt(factory);

        services.AddFactorySecurity();
        services.AddProblemDetails();
        services.AddExceptionHandler<BadRequestExceptionHandler>();
        // A grain that could not store a change undid it: 503, nothing changed (other exceptions keep their answers).
        services.AddExceptionHandler<StateNotStoredExceptionHandler>();
        // Unreadable bodies throw in every environment (not only Development), so the handler above can say what is wrong.
        services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddOpenApi();
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter());
            o.SerializerOptions.Converters.Add(new FiniteDoubleConverter());
            SpecFieldsFirst.Apply(o.SerializerOptions);
        });
        services.AddSignalR(o =>
            {
                Microsoft.AspNetCore.SignalR.HubOptionsExtensions.AddFilter(o, new HubMetricsFilter());
                Microsoft.AspNetCore.SignalR.HubOptionsExtensions.AddFilter<Security.SessionGuard>(o);
            }).AddJsonProtocol(o =>
            {
                o.PayloadSerializerOptions.Converters.Add(new JsonStringEnumConverter());
                SpecFieldsFirst.Apply(o.PayloadSerializerOptions);
            });
        services.AddHealthChecks()
            .AddCheck<PlantReadiness>("plant", tags: ["ready"]);
        return firstAdministrator;
    }

    /// <summary>The plant's clock: real time, or (Factory:Simulator:Speed) a faster one for demos and tests.</summary>
    private static PlantClock PlantTime(IConfiguration simulator)
    {
        var speed = simulator.GetValue("Speed", 1.0);
        if (!double.IsFinite(speed) || speed <= 0 || speed > 10_000)
        {
            throw new InvalidOperationException($"Factory:Simulator:Speed must be above 0 and at most 10000 (got {speed}).");
        }

        return speed == 1 ? PlantClock.RealTime : new PlantClock(new Factory.Simulator.ScaledTimeProvider(TimeProvider.System, speed));
    }

    private static void ConfigurePipeline(WebApplication app)
    {
        app.UseSecurityHeaders();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseOriginCheck();
        app.UseDefaultFiles();
        app.UseStaticFiles();
        app.UseAuthentication();
        app.UseAuthorization();

        app.MapOpenApi("/openapi/{documentName}.json");
        var limits = new RequestLimitsFilter();
        app.MapGroup("/api/v1").AddEndpointFilter(limits).MapAuthApi();
        app.MapGroup("/api/v1")
            .AddEndpointFilter(limits)
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
            .MapMaintenanceApi()
            .MapMachineReviewApi()
            .MapAlarmsApi()
            .MapAndonApi()
            .MapScrapApi()
            .MapSafetyApi()
            .MapStaffApi()
            .MapCostsApi()
            .MapAuditApi()
            .MapNotificationsApi()
            .MapHistoryApi();
        app.MapHub<PlantHub>("/hubs/plant").RequireAuthorization(FactoryRoles.ReadPolicy);
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") });
        app.MapFactoryTelemetry(app.Services.GetRequiredService<TelemetrySettings>());
    }
}
