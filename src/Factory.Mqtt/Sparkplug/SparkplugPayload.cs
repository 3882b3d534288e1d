namespace Factory.Mqtt.Sparkplug;

/// <summary>A Sparkplug B payload: the message timestamp and sequence number, and its metrics in order.</summary>
public sealed class SparkplugPayload
{
    /// <summary>Milliseconds since the Unix epoch when the message was sent.</summary>
    public ulong? Timestamp { get; set; }

    /// <summary>0–255 in NBIRTH, DBIRTH, NDATA, DDATA and DDEATH; absent in NDEATH and commands.</summary>
    public ulong? Seq { get; set; }

    public string? Uuid { get; set; }

    public List<SparkplugMetric> Metrics { get; } = [];

    /// <summary>The first metric of that name, if any.</summary>
    public SparkplugMetric? Find(string name)
    {
        foreach (var metric in Metrics)
        {
            if (string.Equals(metric.Name, name, StringComparison.Ordinal))
            {
                return metric;
            }
        }

        return null;
    }
}
