namespace Factory.Host.Plant;

/// <summary>A plant definition turned into the specs the grains take.</summary>
public sealed record PlantSpecs(
    ImmutableArray<SiteSpec> Sites,
    ImmutableArray<LineSpec> Lines,
    ImmutableArray<MachineSpec> Machines,
    ImmutableArray<WorkerSpec> Workers,
    ImmutableArray<WorkOrderSpec> WorkOrders,
    ImmutableArray<Factory.Connectivity.EndpointSettings> Endpoints)
{
    /// <summary>The MQTT endpoints (Sparkplug B groups, JSON topics) with their machines.</summary>
    public ImmutableArray<Factory.Connectivity.Mqtt.BrokerEndpointSettings> BrokerEndpoints { get; init; } = [];

    /// <summary>Worker id → email address, for the workers the plant file gives one (notifications to whoever is on shift).</summary>
    public ImmutableDictionary<string, string> WorkerEmails { get; init; } = ImmutableDictionary<string, string>.Empty;
}
