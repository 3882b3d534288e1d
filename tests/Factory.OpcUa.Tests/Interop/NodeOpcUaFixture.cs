namespace Factory.OpcUa.Tests.Interop;

/// <summary>One default node-opcua server shared by the interop tests of a collection.</summary>
public sealed class NodeOpcUaFixture : IAsyncLifetime
{
    private NodeOpcUaServer? _server;

    public NodeOpcUaServer Server => _server ?? throw new InvalidOperationException("not started");

    public async Task InitializeAsync() => _server = await NodeOpcUaServer.StartAsync("--items", "20", "--rate", "100");

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
