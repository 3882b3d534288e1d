namespace Factory.Host.Telemetry;

/// <summary>Metrics, traces and the Orleans dashboard (section <c>Factory:Telemetry</c>).</summary>
public sealed class TelemetrySettings
{
    /// <summary>Serve the Prometheus scrape endpoint <c>/metrics</c> (anonymous, like a health probe).</summary>
    public bool Prometheus { get; set; } = true;

    /// <summary>
    /// An OTLP collector (e.g. <c>http://otel-collector:4317</c>): metrics, traces and logs are exported there.
    /// The standard <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> variable does the same.
    /// </summary>
    public Uri? OtlpEndpoint { get; set; }

    /// <summary><c>Grpc</c> (default, port 4317) or <c>HttpProtobuf</c> (port 4318).</summary>
    public OpenTelemetry.Exporter.OtlpExportProtocol OtlpProtocol { get; set; } = OpenTelemetry.Exporter.OtlpExportProtocol.Grpc;

    /// <summary>The service name the exported data carry.</summary>
    public string ServiceName { get; set; } = "factory";

    /// <summary>Serve the Orleans dashboard at <c>/orleans/</c> for managers.</summary>
    public bool OrleansDashboard { get; set; } = true;
}
