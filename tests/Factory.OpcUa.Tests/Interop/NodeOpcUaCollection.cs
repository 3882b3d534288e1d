namespace Factory.OpcUa.Tests.Interop;

[CollectionDefinition(Name)]
public sealed class NodeOpcUaCollection : ICollectionFixture<NodeOpcUaFixture>
{
    public const string Name = "node-opcua";
}
