using System.Security.Cryptography.X509Certificates;
using Factory.OpcUa.Client;
using Factory.OpcUa.Encoding;
using Factory.OpcUa.Security;
using Factory.OpcUa.SecureChannel;
using Factory.OpcUa.Services;

namespace Factory.OpcUa.Tests.Interop;

/// <summary>Secured channels and sessions against node-opcua: every policy in Sign and SignAndEncrypt.</summary>
[Collection(NodeOpcUaCollection.Name)]
public sealed class SecurityTests(NodeOpcUaFixture fixture)
{
    private const string ApplicationUri = "urn:factory:tests:opcua-security";

    private static readonly Lazy<X509Certificate2> s_certificate = new(() =>
        ApplicationCertificate.CreateSelfSigned("Factory security tests", ApplicationUri, ["localhost"]));

    // Trusts each node-opcua server the first time: these tests are about the channel, TrustTests about trust.
    private static readonly Lazy<CertificateStore> s_store = new(() =>
        new CertificateStore(Path.Combine(Path.GetTempPath(), "factory-opcua-security-tests", Guid.NewGuid().ToString("N"))) { TrustOnFirstUse = true });

    public static TheoryData<string, MessageSecurityMode> PoliciesAndModes { get; } = new()
    {
        { "Basic256Sha256", MessageSecurityMode.SignAndEncrypt },
        { "Basic256Sha256", MessageSecurityMode.Sign },
        { "Aes128_Sha256_RsaOaep", MessageSecurityMode.SignAndEncrypt },
        { "Aes128_Sha256_RsaOaep", MessageSecurityMode.Sign },
        { "Aes256_Sha256_RsaPss", MessageSecurityMode.SignAndEncrypt },
        { "Aes256_Sha256_RsaPss", MessageSecurityMode.Sign },
    };

    private NodeOpcUaServer Server => fixture.Server;

    [Theory]
    [MemberData(nameof(PoliciesAndModes))]
    public async Task Reads_writes_and_subscribes_over_a_secured_channel(string policy, MessageSecurityMode mode)
    {
        await using var client = await OpcUaClient.ConnectAsync(Options(Server.Endpoint, policy, mode));
        Assert.Equal(SecurityAlgorithms.Find(policy)!.Uri, client.Channel!.SecurityPolicyUri);

        var values = await client.ReadValuesAsync([new NodeId("Counter0", Server.NamespaceIndex), new NodeId("Setpoint", Server.NamespaceIndex)]);
        Assert.True(values[0].StatusCode.IsGood, values[0].StatusCode.ToString());
        Assert.True(values[0].Value.TryGetDouble(out _));

        var setpoint = new NodeId("Setpoint", Server.NamespaceIndex);
        var written = Random.Shared.Next(1, 1000) + 0.25;
        var results = await client.WriteAsync([new WriteValue { NodeId = setpoint, AttributeId = Attributes.Value, Value = new DataValue(new Variant(written)) }]);
        Assert.True(results[0].IsGood, results[0].ToString());
        Assert.Equal(written, (double)(await client.ReadValuesAsync([setpoint]))[0].Value.Value!);

        // Browsing the objects folder yields a response of several kilobytes: more than one AES block chain.
        var references = await client.BrowseAsync(new NodeId(85u));
        Assert.Contains(references, r => r.BrowseName.Name == "Counters");
    }

    [Theory]
    [MemberData(nameof(PoliciesAndModes))]
    public async Task Logs_in_with_a_user_name_and_refuses_a_wrong_password(string policy, MessageSecurityMode mode)
    {
        var options = Options(Server.Endpoint, policy, mode);
        await using (var client = await OpcUaClient.ConnectAsync(options with { Identity = UserIdentity.FromUserName(NodeOpcUaServer.UserName, NodeOpcUaServer.Password) }))
        {
            var values = await client.ReadValuesAsync([new NodeId("Counter1", Server.NamespaceIndex)]);
            Assert.True(values[0].StatusCode.IsGood);
        }

        var error = await Assert.ThrowsAsync<ServiceResultException>(() =>
            OpcUaClient.ConnectAsync(options with { Identity = UserIdentity.FromUserName(NodeOpcUaServer.UserName, "wrong"), Reconnect = false }));
        Assert.Contains("wrong user name or password", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Chunks_large_encrypted_responses_and_renews_the_token()
    {
        await using var server = await NodeOpcUaServer.StartAsync("--buffer", "8192", "--no-conformance", "--items", "400");
        var options = Options(server.Endpoint, "Basic256Sha256", MessageSecurityMode.SignAndEncrypt);
        options = options with { Channel = options.Channel with { RequestedLifetime = TimeSpan.FromSeconds(2) } };
        await using var client = await OpcUaClient.ConnectAsync(options);
        var ids = Enumerable.Range(0, 400).Select(i => new NodeId($"Counter{i}", server.NamespaceIndex)).ToList();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (client.Channel!.RenewCount < 2 && DateTime.UtcNow < deadline)
        {
            // 400 DataValues of Int32 with timestamps: about 14 KB, two or more 8 KiB chunks each way.
            var values = await client.ReadValuesAsync(ids);
            Assert.All(values, v => Assert.True(v.StatusCode.IsGood));
            await Task.Delay(200);
        }

        Assert.True(client.Channel.RenewCount >= 2, $"renewed {client.Channel.RenewCount} times");
        Assert.Equal(0, client.ReconnectCount);
    }

    [Fact]
    public async Task A_policy_the_client_lacks_or_a_missing_certificate_fails_with_the_reason()
    {
        var unknown = await Assert.ThrowsAsync<ServiceResultException>(() => OpcUaClient.ConnectAsync(Options(Server.Endpoint, "Basic512", MessageSecurityMode.SignAndEncrypt)));
        Assert.Equal(StatusCodes.BadSecurityPolicyRejected, unknown.StatusCode.Code);
        Assert.Contains("Basic256Sha256", unknown.Message, StringComparison.Ordinal);

        var options = Options(Server.Endpoint, "Basic256Sha256", MessageSecurityMode.SignAndEncrypt);
        var noCertificate = await Assert.ThrowsAsync<ServiceResultException>(() => OpcUaClient.ConnectAsync(options with { Channel = options.Channel with { ApplicationCertificate = null } }));
        Assert.Equal(StatusCodes.BadCertificateInvalid, noCertificate.StatusCode.Code);
    }

    internal static OpcUaClientOptions Options(Uri endpoint, string policy, MessageSecurityMode mode) => new()
    {
        Endpoint = endpoint,
        ApplicationUri = ApplicationUri,
        Reconnect = false,
        ServerCertificateValidator = s_store.Value.ValidateServerCertificate,
        Channel = new SecureChannelOptions
        {
            SecurityPolicyUri = policy,
            SecurityMode = mode,
            ApplicationCertificate = s_certificate.Value,
        },
    };
}
