using Factory.OpcUa.Client;
using Factory.OpcUa.Encoding;
using Factory.OpcUa.Security;
using Factory.OpcUa.SecureChannel;
using Factory.OpcUa.Services;

namespace Factory.OpcUa.Tests.Interop;

/// <summary>The PKI folder against a real node-opcua server: first start, rejection, trust by an operator, trust on first use.</summary>
[Collection(NodeOpcUaCollection.Name)]
public sealed class TrustTests(NodeOpcUaFixture fixture) : IDisposable
{
    private const string ApplicationUri = "urn:factory:tests:opcua-trust";
    private readonly string _root = Path.Combine(Path.GetTempPath(), "factory-opcua-trust-tests", Guid.NewGuid().ToString("N"));

    [Fact]
    public void The_application_certificate_is_created_on_first_start_and_reused()
    {
        var store = new CertificateStore(_root);
        var first = store.GetOrCreateApplicationCertificate("Factory trust tests", ApplicationUri, ["localhost"]);
        var again = new CertificateStore(_root).GetOrCreateApplicationCertificate("Factory trust tests", ApplicationUri, ["localhost"]);
        Assert.Equal(first.Thumbprint, again.Thumbprint);
        Assert.True(again.HasPrivateKey);
        Assert.Contains(ApplicationUri, ApplicationCertificate.ApplicationUris(again));
        Assert.Single(Directory.GetFiles(store.OwnCertificates));
        var key = Assert.Single(Directory.GetFiles(store.OwnPrivate));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(key));
        }

        // Another ApplicationUri needs another certificate: peers check the URI against the one in CreateSession.
        var other = store.GetOrCreateApplicationCertificate("Factory trust tests", "urn:factory:tests:other", ["localhost"]);
        Assert.NotEqual(first.Thumbprint, other.Thumbprint);
    }

    [Fact]
    public async Task An_untrusted_server_is_refused_with_its_thumbprint_and_accepted_once_trusted()
    {
        var store = new CertificateStore(_root);
        var options = Options(store);
        var error = await Assert.ThrowsAsync<ServiceResultException>(() => OpcUaClient.ConnectAsync(options));
        Assert.Equal(StatusCodes.BadCertificateUntrusted, error.StatusCode.Code);
        var rejected = Assert.Single(store.RejectedList());
        Assert.Contains(rejected.Thumbprint, error.Message, StringComparison.Ordinal);
        Assert.Contains(store.TrustedCertificates, error.Message, StringComparison.Ordinal);

        // What the message tells the operator to do: move the file from rejected/ to trusted/certs.
        var file = Assert.Single(Directory.GetFiles(store.Rejected));
        File.Move(file, Path.Combine(store.TrustedCertificates, Path.GetFileName(file)));
        await using var client = await OpcUaClient.ConnectAsync(options);
        var value = await client.ReadValueAsync(new NodeId("Counter0", fixture.Server.NamespaceIndex));
        Assert.True(value.StatusCode.IsGood);
    }

    [Fact]
    public async Task Trust_on_first_use_trusts_the_server_and_keeps_it()
    {
        var store = new CertificateStore(_root) { TrustOnFirstUse = true };
        await using (var client = await OpcUaClient.ConnectAsync(Options(store)))
        {
            Assert.Equal(MessageSecurityMode.SignAndEncrypt, client.Channel!.SecurityMode);
        }

        Assert.Single(store.TrustedList());
        Assert.Empty(store.RejectedList());

        // Later, with trust on first use switched off, the server is still trusted.
        await using var again = await OpcUaClient.ConnectAsync(Options(new CertificateStore(_root)));
        Assert.Equal(ConnectionState.Connected, again.State);
    }

    [Fact]
    public async Task A_secured_connection_without_a_trust_list_is_refused()
    {
        var options = Options(new CertificateStore(_root)) with { ServerCertificateValidator = null };
        var error = await Assert.ThrowsAsync<ServiceResultException>(() => OpcUaClient.ConnectAsync(options));
        Assert.Equal(StatusCodes.BadCertificateUntrusted, error.StatusCode.Code);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private OpcUaClientOptions Options(CertificateStore store) => new()
    {
        Endpoint = fixture.Server.Endpoint,
        ApplicationUri = ApplicationUri,
        Reconnect = false,
        ServerCertificateValidator = store.ValidateServerCertificate,
        Channel = new SecureChannelOptions
        {
            SecurityPolicyUri = SecurityAlgorithms.Basic256Sha256Uri,
            SecurityMode = MessageSecurityMode.SignAndEncrypt,
            ApplicationCertificate = store.GetOrCreateApplicationCertificate("Factory trust tests", ApplicationUri, ["localhost"]),
        },
    };
}
