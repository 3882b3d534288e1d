namespace Factory.Mqtt.Sparkplug;

/// <summary>Bounds on what one payload may make the decoder read and allocate; beyond them it refuses the payload.</summary>
public sealed record SparkplugLimits
{
    public static SparkplugLimits Default { get; } = new();

    /// <summary>Largest payload accepted, in bytes.</summary>
    public int MaxPayloadBytes { get; init; } = 4 * 1024 * 1024;

    /// <summary>Most metrics in one payload.</summary>
    public int MaxMetrics { get; init; } = 65_536;

    /// <summary>Longest string (metric name, string value, property key), in bytes.</summary>
    public int MaxStringBytes { get; init; } = 64 * 1024;

    /// <summary>Most properties of one metric.</summary>
    public int MaxProperties { get; init; } = 256;
}
