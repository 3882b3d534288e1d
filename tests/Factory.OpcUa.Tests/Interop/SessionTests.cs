using Factory.OpcUa.Client;
using Factory.OpcUa.Encoding;
using Factory.OpcUa.Services;

namespace Factory.OpcUa.Tests.Interop;

[Collection(NodeOpcUaCollection.Name)]
public sealed class SessionTests(NodeOpcUaFixture fixture)
{
    private NodeOpcUaServer Server => fixture.Server;

    [Fact]
    public async Task Browses_the_objects_folder_and_resolves_a_browse_path()
    {
        await using var client = await OpcUaClient.ConnectAsync(new OpcUaClientOptions { Endpoint = Server.Endpoint });
        var references = await client.BrowseAsync(new NodeId(85u));
        Assert.Contains(references, r => r.BrowseName.Name == "Server");
        Assert.Contains(references, r => r.BrowseName.Name == "Counters");
        var counter = await client.ResolvePathAsync(new NodeId(85u), [new QualifiedName(Server.NamespaceIndex, "Counters"), new QualifiedName(Server.NamespaceIndex, "Counter3")]);
        Assert.Equal(new NodeId("Counter3", Server.NamespaceIndex), counter);
        var error = await Assert.ThrowsAsync<ServiceResultException>(() => client.ResolvePathAsync(new NodeId(85u), [new QualifiedName(Server.NamespaceIndex, "Nope")]));
        Assert.Contains("Bad", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Browse_follows_continuation_points()
    {
        await using var client = await OpcUaClient.ConnectAsync(new OpcUaClientOptions { Endpoint = Server.Endpoint });
        var all = await client.BrowseAsync(new NodeId(85u));
        var paged = (await client.BrowseAsync(
            [new BrowseDescription { NodeId = new NodeId(85u), BrowseDirection = BrowseDirection.Forward, ReferenceTypeId = new NodeId(33u), IncludeSubtypes = true, ResultMask = 63 }],
            maxReferencesPerNode: 2))[0];
        Assert.True(all.Length > 2);
        Assert.Equal(all.Select(r => r.NodeId.ToString()).Order(), paged.Select(r => r.NodeId.ToString()).Order());
    }

    [Fact]
    public async Task Reads_and_writes_every_built_in_type_as_scalar_array_and_matrix()
    {
        await using var client = await OpcUaClient.ConnectAsync(new OpcUaClientOptions { Endpoint = Server.Endpoint });
        var ns = (ushort)client.NamespaceUris.ToList().IndexOf("urn://node-opcua-simulator");
        Assert.True(ns > 0, string.Join(", ", client.NamespaceUris));
        var seen = new HashSet<(BuiltInType, bool, bool)>();
        foreach (var folder in new[] { "Static_Scalar", "Static_Array", "Static_MultiDimensional_Array" })
        {
            var variables = (await client.BrowseAsync(new NodeId(folder, ns))).Where(r => r.NodeClass == NodeClass.Variable).ToList();
            Assert.NotEmpty(variables);
            var ids = variables.Select(v => v.NodeId.NodeId).ToList();
            var values = await client.ReadValuesAsync(ids);
            var writes = new List<WriteValue>();
            for (var i = 0; i < ids.Count; i++)
            {
                Assert.True(values[i].StatusCode.IsGood, $"{ids[i]}: {values[i].StatusCode}");
                var value = values[i].Value;
                if (value.IsNull)
                {
                    continue;
                }

                seen.Add((value.Type, value.IsArray, value.Dimensions is not null));
                writes.Add(new WriteValue { NodeId = ids[i], AttributeId = Attributes.Value, Value = new DataValue(value) });
            }

            var statuses = await client.WriteAsync(writes);
            for (var i = 0; i < writes.Count; i++)
            {
                Assert.True(statuses[i].IsGood, $"write {writes[i].NodeId} ({writes[i].Value.Value.Type}): {statuses[i]}");
            }

            var again = await client.ReadValuesAsync(writes.Select(w => w.NodeId));
            for (var i = 0; i < writes.Count; i++)
            {
                Assert.Equal(Encode(writes[i].Value.Value), Encode(again[i].Value));
            }
        }

        var expected = new[]
        {
            BuiltInType.Boolean, BuiltInType.SByte, BuiltInType.Byte, BuiltInType.Int16, BuiltInType.UInt16, BuiltInType.Int32,
            BuiltInType.UInt32, BuiltInType.Int64, BuiltInType.UInt64, BuiltInType.Float, BuiltInType.Double, BuiltInType.String,
            BuiltInType.DateTime, BuiltInType.Guid, BuiltInType.ByteString, BuiltInType.XmlElement, BuiltInType.NodeId,
            BuiltInType.QualifiedName, BuiltInType.LocalizedText, BuiltInType.ExtensionObject, BuiltInType.DataValue,
            BuiltInType.Variant, BuiltInType.DiagnosticInfo,
        };

        // node-opcua's conformance address space has no ExpandedNodeId or StatusCode variables; the encoding tests cover those two.
        foreach (var type in expected)
        {
            Assert.True(seen.Contains((type, false, false)), string.Join(" ", seen.Order()));
            Assert.Contains((type, true, false), seen);
            Assert.Contains((type, true, true), seen);
        }
    }

    [Fact]
    public async Task Written_values_are_read_back()
    {
        await using var client = await OpcUaClient.ConnectAsync(new OpcUaClientOptions { Endpoint = Server.Endpoint });
        var setpoint = new NodeId("Setpoint", Server.NamespaceIndex);
        var value = Random.Shared.NextDouble() * 100;
        Assert.True((await client.WriteValueAsync(setpoint, new Variant(value))).IsGood);
        Assert.Equal(value, (await client.ReadValueAsync(setpoint)).Value.Value);
        var wrongType = await client.WriteValueAsync(setpoint, new Variant("text"));
        Assert.Equal(StatusCodes.BadTypeMismatch, wrongType.Code);
    }

    [Fact]
    public async Task Large_reads_are_split_by_the_server_operation_limits()
    {
        await using var client = await OpcUaClient.ConnectAsync(new OpcUaClientOptions { Endpoint = Server.Endpoint });
        Assert.Equal(1000, client.Limits.MaxNodesPerRead);
        var ids = Enumerable.Range(0, 2500).Select(i => new NodeId($"Counter{i % 20}", Server.NamespaceIndex)).ToList();
        var values = await client.ReadValuesAsync(ids);
        Assert.Equal(2500, values.Length);
        Assert.All(values, v => Assert.Equal(BuiltInType.Int32, v.Value.Type));
    }

    [Fact]
    public async Task Calls_a_method()
    {
        await using var client = await OpcUaClient.ConnectAsync(new OpcUaClientOptions { Endpoint = Server.Endpoint });
        // Server.GetMonitoredItems(subscriptionId) exists on every server; an unknown id must give a Bad result, not an exception.
        var results = await client.CallAsync([new CallMethodRequest { ObjectId = new NodeId(2253u), MethodId = new NodeId(11492u), InputArguments = [new Variant(12345u)] }]);
        Assert.Single(results);
        Assert.True(results[0].StatusCode.IsBad);
    }

    [Fact]
    public async Task Username_login_succeeds_and_a_wrong_password_is_refused_clearly()
    {
        await using (var client = await OpcUaClient.ConnectAsync(new OpcUaClientOptions
        {
            Endpoint = Server.Endpoint,
            Identity = UserIdentity.FromUserName(NodeOpcUaServer.UserName, NodeOpcUaServer.Password),
        }))
        {
            Assert.Equal(ConnectionState.Connected, client.State);
            Assert.True((await client.ReadValueAsync(new NodeId(2259u))).StatusCode.IsGood);
        }

        var error = await Assert.ThrowsAsync<ServiceResultException>(() => OpcUaClient.ConnectAsync(new OpcUaClientOptions
        {
            Endpoint = Server.Endpoint,
            Identity = UserIdentity.FromUserName(NodeOpcUaServer.UserName, "wrong"),
        }));
        Assert.True(error.StatusCode.IsBad);
        Assert.Contains(error.StatusCode.Name, error.Message, StringComparison.Ordinal);
        Assert.Contains("user operator", error.Message, StringComparison.Ordinal);
    }

    private static byte[] Encode(Variant value)
    {
        var writer = new UaWriter();
        writer.WriteVariant(value);
        return writer.ToArray();
    }
}
