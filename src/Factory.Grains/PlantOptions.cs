namespace Factory.Grains;

/// <summary>Runtime rules of the plant actors (section <c>Factory:Plant</c> of the configuration).</summary>
public sealed class PlantOptions
{
    /// <summary>
    /// How long a machine without a PLC stays in a transient acting state (Starting, Stopping, …) before it
    /// completes by itself. Machines fed by a PLC follow the PLC instead.
    /// </summary>
    public TimeSpan TransientStateDuration { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>How long Disconnected or Stale data is tolerated before the machine counts as unavailable.</summary>
    public TimeSpan DataQualityGracePeriod { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Telemetry that changes no state is published to screens and lines at most this often per machine; state,
    /// mode and quality changes go out at once.
    /// </summary>
    public TimeSpan TelemetryPublishInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// How often (real time) a site's maintenance plans are evaluated and orders whose placed slot has begun are planned
    /// into it, while its maintenance grain is active. <c>POST /maintenance/plans/evaluate</c> does it at once.
    /// </summary>
    public TimeSpan MaintenanceEvaluationInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Window over which a line's throughput is measured.</summary>
    public TimeSpan ThroughputWindow { get; set; } = TimeSpan.FromMinutes(5);
}
