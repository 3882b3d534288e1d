using System.Diagnostics.Metrics;
using System.Runtime.CompilerServices;
using Factory.OpcUa.Encoding;

namespace Factory.Connectivity;

/// <summary>
/// The connectors' instruments (meter <c>Factory.Connectivity</c>): tag updates, ingest latency from each value's
/// SourceTimestamp to the grain state it updated, and each connector's state. Recorded where the events happen.
/// </summary>
public static class ConnectivityMeter
{
    /// <summary>The meter's name, for exporters.</summary>
    public const string Name = "Factory.Connectivity";

    private static readonly Meter Meter = new(Name);
    private static readonly ConditionalWeakTable<IEndpointConnector, string> Connectors = [];

    private static readonly Counter<long> TagUpdates = Meter.CreateCounter<long>(
        "factory.connector.tag_updates", "{update}", "Tag values received from a PLC endpoint and applied to machine grains");

    private static readonly Histogram<double> IngestLatency = Meter.CreateHistogram<double>(
        "factory.connector.ingest_latency", "ms", "From a value's SourceTimestamp to its machine grain having applied it");

    static ConnectivityMeter()
    {
        Meter.CreateObservableGauge("factory.connector.connected", ObserveConnected, "{connector}",
            "1 while the endpoint's connector is connected (state tag: its current state), else 0");
    }

    /// <summary>Counts a connector from now on in the state gauge.</summary>
    public static void Track(IEndpointConnector connector) => Connectors.AddOrUpdate(connector, connector.Id);

    /// <summary>A batch of values that the machine grains have applied at <paramref name="appliedAt"/>.</summary>
    public static void Applied(string endpointId, IReadOnlyList<(TagBinding Binding, DataValue Value)> batch, DateTimeOffset appliedAt)
    {
        var endpoint = new KeyValuePair<string, object?>("endpoint", endpointId);
        TagUpdates.Add(batch.Count, endpoint);
        if (!IngestLatency.Enabled)
        {
            return;
        }

        foreach (var (_, value) in batch)
        {
            if (value.SourceTimestamp > DateTime.MinValue)
            {
                var source = new DateTimeOffset(DateTime.SpecifyKind(value.SourceTimestamp, DateTimeKind.Utc));
                IngestLatency.Record(Math.Max(0, (appliedAt - source).TotalMilliseconds), endpoint);
            }
        }
    }

    private static IEnumerable<Measurement<int>> ObserveConnected()
    {
        foreach (var (connector, endpoint) in Connectors)
        {
            var state = connector.View.State;
            yield return new Measurement<int>(state == "Connected" ? 1 : 0,
                new KeyValuePair<string, object?>("endpoint", endpoint), new KeyValuePair<string, object?>("state", state));
        }
    }
}
