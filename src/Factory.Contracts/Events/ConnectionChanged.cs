using Factory.Contracts.Views;

namespace Factory.Contracts.Events;

/// <summary>An endpoint connection changed state.</summary>
[GenerateSerializer, Immutable, Alias("factory.connection-changed")]
public sealed record ConnectionChanged([property: Id(0)] ConnectionView Connection)
    : PlantEvent(Connection.SiteId, Connection.EndpointId, Connection.Version)
{
    public override string Kind => "connectionChanged";
}
