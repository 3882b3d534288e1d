using Factory.Connectivity;
using Factory.Grains;
using Factory.Host.Security;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Orleans.Dashboard;

namespace Factory.Host.Telemetry;

/// <summary>
/// OpenTelemetry for the host: Orleans', ASP.NET Core's, the runtime's and Factory's meters, served to Prometheus at
/// <c>/metrics</c> and, when a collector is configured, exported with traces and logs over OTLP; the Orleans
/// dashboard for managers; grain log scopes.
/// </summary>
public static class TelemetryExtensions
{
    /// <summary>The Prometheus scrape endpoint.</summary>
    public const string MetricsPath = "/metrics";

    /// <summary>Where the Orleans dashboard is served (managers only).</summary>
    public const string OrleansDashboardPath = "/orleans";

    /// <summary>The meters exported: Orleans' own and Factory's, one per project.</summary>
    public static readonly string[] Meters = ["Microsoft.Orleans", FactoryMetrics.Name, ConnectivityMeter.Name, GrainMetrics.Name];

    /// <summary>Orleans' activity sources (grain calls as spans).</summary>
    private static readonly string[] TraceSources = ["Microsoft.Orleans.Runtime", "Microsoft.Orleans.Application"];

    /// <summary>Whether OTLP export is configured, by the setting or the standard environment variable.</summary>
    public static bool ExportsOtlp(this TelemetrySettings settings, IConfiguration configuration) =>
        settings.OtlpEndpoint is not null || !string.IsNullOrEmpty(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);

    public static IServiceCollection AddFactoryTelemetry(this IServiceCollection services, TelemetrySettings settings, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(settings.ServiceName, serviceInstanceId: $"{Environment.MachineName}/{Environment.ProcessId}"))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(Meters).AddAspNetCoreInstrumentation().AddRuntimeInstrumentation();
                if (settings.Prometheus)
                {
                    metrics.AddPrometheusExporter();
                }
            });
        if (settings.ExportsOtlp(configuration))
        {
            telemetry
                .WithTracing(tracing => tracing.AddSource(TraceSources).AddAspNetCoreInstrumentation())
                .WithLogging(logging => { }, options => options.IncludeScopes = true);
            if (settings.OtlpEndpoint is { } endpoint)
            {
                telemetry.UseOtlpExporter(settings.OtlpProtocol, endpoint);
            }
            else
            {
                telemetry.UseOtlpExporter(); // OTEL_EXPORTER_OTLP_* variables
            }
        }

        return services;
    }

    /// <summary>The silo's part: log scopes for grain calls, the dashboard's collectors, trace propagation.</summary>
    public static ISiloBuilder UseFactoryTelemetry(this ISiloBuilder silo, TelemetrySettings settings, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(settings);
        silo.AddIncomingGrainCallFilter<GrainLogScopeFilter>();
        if (settings.OrleansDashboard)
        {
            silo.AddDashboard();
        }

        if (settings.ExportsOtlp(configuration))
        {
            silo.AddActivityPropagation();
        }

        return silo;
    }

    public static WebApplication MapFactoryTelemetry(this WebApplication app, TelemetrySettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.Prometheus)
        {
            app.MapPrometheusScrapingEndpoint(MetricsPath);
        }

        if (settings.OrleansDashboard)
        {
            app.MapOrleansDashboard(routePrefix: OrleansDashboardPath).RequireAuthorization(FactoryRoles.ManagePolicy);
        }

        return app;
    }
}
