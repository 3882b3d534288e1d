using Factory.OpcUa.Client;
using Factory.OpcUa.Encoding;
using Factory.OpcUa.Server;
using Factory.OpcUa.Services;

namespace Factory.OpcUa.Tests.Server;

/// <summary>Anonymous sessions read but do not write unless the server allows it; a logged-in user writes.</summary>
public sealed class AnonymousWriteTests
{
    [Fact]
    public async Task An_anonymous_write_is_refused_and_changes_nothing_and_a_logged_in_user_writes()
    {
        var (server, setpoint) = await StartAsync(allowAnonymousWrites: false);
        await using var _ = server;
        var endpoint = new Uri(server.EndpointUrl);
        await using (var anonymous = await OpcUaClient.ConnectAsync(new OpcUaClientOptions { Endpoint = endpoint, Reconnect = false }))
        {
            Assert.Equal(StatusCodes.BadUserAccessDenied, (await anonymous.WriteValueAsync(setpoint, new Variant(7d))).Code);
            Assert.Equal(1d, (await anonymous.ReadValueAsync(setpoint)).Value.Value);

            // The node says so: writable, but not for this user.
            var access = await anonymous.ReadAsync([
                new ReadValueId { NodeId = setpoint, AttributeId = Attributes.AccessLevel },
                new ReadValueId { NodeId = setpoint, AttributeId = Attributes.UserAccessLevel },
            ]);
            Assert.Equal((byte)3, access[0].Value.Value);
            Assert.Equal((byte)1, access[1].Value.Value);
        }

        await using var user = await OpcUaClient.ConnectAsync(new OpcUaClientOptions { Endpoint = endpoint, Reconnect = false, Identity = UserIdentity.FromUserName("op", "pw") });
        Assert.True((await user.WriteValueAsync(setpoint, new Variant(7d))).IsGood);
        Assert.Equal(7d, (await user.ReadValueAsync(setpoint)).Value.Value);
    }

    [Fact]
    public async Task A_server_that_allows_anonymous_writes_takes_them()
    {
        var (server, setpoint) = await StartAsync(allowAnonymousWrites: true);
        await using var _ = server;
        await using var anonymous = await OpcUaClient.ConnectAsync(new OpcUaClientOptions { Endpoint = new Uri(server.EndpointUrl), Reconnect = false });
        Assert.True((await anonymous.WriteValueAsync(setpoint, new Variant(7d))).IsGood);
        Assert.Equal(7d, (await anonymous.ReadValueAsync(setpoint)).Value.Value);
    }

    private static async Task<(OpcUaServer Server, NodeId Setpoint)> StartAsync(bool allowAnonymousWrites)
    {
        var server = await OpcUaServer.StartAsync(new OpcUaServerOptions
        {
            Port = 0,
            Users = new Dictionary<string, string> { ["op"] = "pw" },
            AllowAnonymousWrites = allowAnonymousWrites,
        });
        var ns = server.AddressSpace.RegisterNamespace("urn:factory:tests:writes");
        var setpoint = new NodeId("Setpoint", ns);
        server.AddressSpace.AddVariable(AddressSpace.ObjectsFolder, setpoint, new QualifiedName(ns, "Setpoint"), BuiltInType.Double, new Variant(1d), writable: true);
        return (server, setpoint);
    }
}
