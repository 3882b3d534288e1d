using System.Diagnostics.Metrics;

namespace Factory.Host.Telemetry;

/// <summary>
/// The host's instruments (meter <c>Factory.Host</c>): hub clients and messages, and the live feed's events and
/// resyncs. The connectors' are in <see cref="Factory.Connectivity.ConnectivityMeter"/>, the grains' in
/// <see cref="Factory.Grains.GrainMetrics"/>.
/// </summary>
public static class FactoryMetrics
{
    /// <summary>The meter's name, for exporters.</summary>
    public const string Name = "Factory.Host";

    private static readonly Meter Meter = new(Name);

    private static readonly UpDownCounter<long> HubClients = Meter.CreateUpDownCounter<long>(
        "factory.hub.clients", "{client}", "SignalR clients connected to this host's plant hub");

    private static readonly Counter<long> HubInvocations = Meter.CreateCounter<long>(
        "factory.hub.invocations", "{call}", "Hub methods called by clients (subscriptions, commands)");

    private static readonly Counter<long> HubMessages = Meter.CreateCounter<long>(
        "factory.hub.messages", "{message}", "Deltas this host's feed sent to hub groups (one per event and group)");

    private static readonly Counter<long> FeedResyncs = Meter.CreateCounter<long>(
        "factory.feed.resyncs", "{resync}", "Times this host's feed subscribed to a site's relay again because the relay was lost or restarted");

    /// <summary>A client connected to the hub (+1) or left it (-1).</summary>
    public static void HubClientChanged(int delta) => HubClients.Add(delta);

    /// <summary>A client called a hub method.</summary>
    public static void HubInvoked(string method) => HubInvocations.Add(1, new KeyValuePair<string, object?>("method", method));

    /// <summary>The feed sent an event to <paramref name="groups"/> hub groups.</summary>
    public static void HubSent(string eventName, int groups) => HubMessages.Add(groups, new KeyValuePair<string, object?>("event", eventName));

    /// <summary>The feed resubscribed to a site's relay.</summary>
    public static void FeedResynced(string siteId) => FeedResyncs.Add(1, new KeyValuePair<string, object?>("site", siteId));
}
