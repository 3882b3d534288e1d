using System.Diagnostics;
using System.Net.Sockets;
using System.Text.Json;
using Factory.OpcUa.Client;
using Factory.OpcUa.Encoding;
using Factory.OpcUa.Security;
using Factory.OpcUa.SecureChannel;
using Factory.OpcUa.Server;
using Factory.OpcUa.Services;
using Factory.OpcUa.Tests.Interop;

namespace Factory.OpcUa.Tests.Server;

/// <summary>Our server under every policy and mode: with our client, with node-opcua's client, and with bad input.</summary>
public sealed class SecuredServerTests : IAsyncLifetime
{
    private const string ClientUri = "urn:factory:tests:secured-server-client";
    private readonly string _root = Path.Combine(Path.GetTempPath(), "factory-opcua-server-tests", Guid.NewGuid().ToString("N"));
    private CertificateStore _serverPki = null!;
    private CertificateStore _clientPki = null!;
    private OpcUaServer _server = null!;

    public static TheoryData<string, MessageSecurityMode> PoliciesAndModes { get; } = new()
    {
        { "Basic256Sha256", MessageSecurityMode.SignAndEncrypt },
        { "Basic256Sha256", MessageSecurityMode.Sign },
        { "Aes128_Sha256_RsaOaep", MessageSecurityMode.SignAndEncrypt },
        { "Aes128_Sha256_RsaOaep", MessageSecurityMode.Sign },
        { "Aes256_Sha256_RsaPss", MessageSecurityMode.SignAndEncrypt },
        { "Aes256_Sha256_RsaPss", MessageSecurityMode.Sign },
    };

    public async Task InitializeAsync()
    {
        _serverPki = new CertificateStore(Path.Combine(_root, "server"));
        _clientPki = new CertificateStore(Path.Combine(_root, "client"));
        var serverCertificate = _serverPki.GetOrCreateApplicationCertificate("Factory test server", "urn:factory:tests:server", ["localhost", "127.0.0.1"]);
        var clientCertificate = _clientPki.GetOrCreateApplicationCertificate("Factory test client", ClientUri, ["localhost"]);

        // Each side trusts the other explicitly, as the demo plant's host and simulator do.
        _serverPki.Trust(clientCertificate);
        _clientPki.Trust(serverCertificate);
        _server = await OpcUaServer.StartAsync(new OpcUaServerOptions
        {
            Port = 0,
            ApplicationUri = "urn:factory:tests:server",
            Certificate = serverCertificate,
            TrustList = _serverPki,
            Users = new Dictionary<string, string> { ["op"] = "pw" },
        });
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        Directory.Delete(_root, recursive: true);
    }

    [Theory]
    [MemberData(nameof(PoliciesAndModes))]
    public async Task Our_client_reads_and_logs_in_with_an_encrypted_password(string policy, MessageSecurityMode mode)
    {
        await using (var client = await OpcUaClient.ConnectAsync(Options(policy, mode)))
        {
            Assert.Equal(mode, client.Channel!.SecurityMode);
            Assert.True((await client.ReadValueAsync(new NodeId(2259u))).StatusCode.IsGood);
        }

        await using (var user = await OpcUaClient.ConnectAsync(Options(policy, mode) with { Identity = UserIdentity.FromUserName("op", "pw") }))
        {
            Assert.True((await user.ReadValueAsync(new NodeId(2259u))).StatusCode.IsGood);
        }

        var wrong = await Assert.ThrowsAsync<ServiceResultException>(() => OpcUaClient.ConnectAsync(Options(policy, mode) with { Identity = UserIdentity.FromUserName("op", "nope") }));
        Assert.Equal(StatusCodes.BadUserAccessDenied, wrong.StatusCode.Code);
    }

    [Fact]
    public async Task The_endpoints_offer_every_policy_in_both_modes_and_None()
    {
        var endpoints = await OpcUaClient.GetEndpointsAsync(new Uri(_server.EndpointUrl));
        Assert.Equal(7, endpoints.Length);
        Assert.All(endpoints, e => Assert.NotNull(e.ServerCertificate));
        Assert.Contains(endpoints, e => e.SecurityPolicyUri == SecurityPolicyNone.Uri);
    }

    [Fact]
    public async Task A_server_starts_only_with_a_certificate_that_names_its_ApplicationUri()
    {
        var pki = new CertificateStore(Path.Combine(_root, "impostor"));
        var certificate = pki.GetOrCreateApplicationCertificate("Impostor", "urn:factory:tests:impostor", ["localhost"]);
        pki.Trust(_clientPki.GetOrCreateApplicationCertificate("Factory test client", ClientUri, ["localhost"]));
        await using (var server = await OpcUaServer.StartAsync(new OpcUaServerOptions { Port = 0, ApplicationUri = "urn:factory:tests:impostor", Certificate = certificate, TrustList = pki }))
        {
            _clientPki.Trust(certificate);
            var options = Options("Basic256Sha256", MessageSecurityMode.SignAndEncrypt) with { Endpoint = new Uri(server.EndpointUrl) };
            await using var client = await OpcUaClient.ConnectAsync(options);
            Assert.Equal(ConnectionState.Connected, client.State);
        }

        // The same certificate behind a server that claims another identity: clients would refuse it, so it does not start.
        Assert.Throws<ArgumentException>(() => OpcUaServer.StartAsync(new OpcUaServerOptions { Port = 0, ApplicationUri = "urn:factory:tests:server", Certificate = certificate, TrustList = pki }).GetAwaiter().GetResult());
    }

    [Fact]
    public async Task An_untrusted_client_is_refused_and_its_certificate_saved_for_review()
    {
        var stranger = ApplicationCertificate.CreateSelfSigned("Stranger", ClientUri, ["localhost"]);
        var options = Options("Basic256Sha256", MessageSecurityMode.SignAndEncrypt);
        options = options with { Channel = options.Channel with { ApplicationCertificate = stranger } };
        var error = await Assert.ThrowsAsync<ServiceResultException>(() => OpcUaClient.ConnectAsync(options));
        Assert.Equal(StatusCodes.BadCertificateUntrusted, error.StatusCode.Code);
        Assert.Contains(stranger.Thumbprint, error.Message, StringComparison.Ordinal);
        Assert.Contains(_serverPki.RejectedList(), c => c.Thumbprint == stranger.Thumbprint);

        // The server lives on for trusted clients.
        await using var client = await OpcUaClient.ConnectAsync(Options("Basic256Sha256", MessageSecurityMode.SignAndEncrypt));
        Assert.Equal(ConnectionState.Connected, client.State);
    }

    [Fact]
    public async Task Garbage_after_a_secured_OpenSecureChannel_header_ends_that_connection_with_an_error()
    {
        var client = _clientPki.GetOrCreateApplicationCertificate("Factory test client", ClientUri, ["localhost"]);
        for (var round = 0; round < 6; round++)
        {
            using var tcp = new TcpClient();
            await tcp.ConnectAsync("127.0.0.1", _server.Port);
            var stream = tcp.GetStream();
            var hello = new UaWriter(128);
            hello.WriteUInt32(0x464C4548);
            hello.WriteUInt32(0);
            new Transport.HelloMessage(0, new Transport.TransportLimits(), _server.EndpointUrl).Encode(hello);
            var helloBytes = hello.ToArray();
            System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(helloBytes.AsSpan(4), helloBytes.Length);
            await stream.WriteAsync(helloBytes);
            var opn = new UaWriter(4096);
            opn.WriteUInt32(0x464E504F);
            opn.WriteUInt32(0);
            opn.WriteUInt32(0);
            opn.WriteString(SecurityAlgorithms.Basic256Sha256Uri);
            opn.WriteByteString(client.RawData);
            opn.WriteByteString(System.Security.Cryptography.SHA1.HashData(_server.Certificate!.RawData));
            opn.WriteBytes(System.Security.Cryptography.RandomNumberGenerator.GetBytes(round * 128));
            var opnBytes = opn.ToArray();
            System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(opnBytes.AsSpan(4), opnBytes.Length);
            await stream.WriteAsync(opnBytes);
            var received = await ReadToEndAsync(stream);
            Assert.Contains("ERR", System.Text.Encoding.ASCII.GetString(received), StringComparison.Ordinal);
        }

        await using var good = await OpcUaClient.ConnectAsync(Options("Basic256Sha256", MessageSecurityMode.SignAndEncrypt));
        Assert.True((await good.ReadValueAsync(new NodeId(2259u))).StatusCode.IsGood);
    }

    [Fact]
    public async Task The_token_is_renewed_under_encryption_without_losing_a_request()
    {
        var options = Options("Aes256_Sha256_RsaPss", MessageSecurityMode.SignAndEncrypt);
        options = options with { Channel = options.Channel with { RequestedLifetime = TimeSpan.FromSeconds(10) } };
        await using var client = await OpcUaClient.ConnectAsync(options);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(40);
        var reads = 0;
        while ((client.Channel!.RenewCount < 1 || reads < 200) && DateTime.UtcNow < deadline)
        {
            Assert.True((await client.ReadValueAsync(new NodeId(2258u))).StatusCode.IsGood);
            reads++;
            await Task.Delay(20);
        }

        Assert.True(client.Channel.RenewCount >= 1, $"renewed {client.Channel.RenewCount} times in {reads} reads");
        Assert.Equal(0, client.ReconnectCount);
    }

    [Theory]
    [InlineData("Basic256Sha256", "SignAndEncrypt")]
    [InlineData("Aes128_Sha256_RsaOaep", "Sign")]
    [InlineData("Aes256_Sha256_RsaPss", "SignAndEncrypt")]
    public async Task Node_opcua_client_reads_subscribes_and_logs_in(string policy, string mode)
    {
        // node-opcua's client brings a certificate of its own, made on its first run: an operator would review it in
        // rejected/ and trust it; the test does the same after the first refused attempt.
        var pki = Path.Combine(_root, "node-client");
        var first = await RunNodeClientAsync(policy, mode, pki);
        if (first.Exit != 0)
        {
            Assert.NotEmpty(_serverPki.RejectedList());
            foreach (var rejected in _serverPki.RejectedList())
            {
                _serverPki.Trust(rejected);
            }
        }

        var (exit, output, error) = first.Exit == 0 ? first : await RunNodeClientAsync(policy, mode, pki);
        Assert.True(exit == 0, error + output);
        var result = JsonDocument.Parse(output[(output.IndexOf("RESULT ", StringComparison.Ordinal) + 7)..]).RootElement;
        Assert.Equal(mode, result.GetProperty("securityMode").GetString());
        Assert.EndsWith(policy, result.GetProperty("securityPolicy").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, result.GetProperty("serverState").GetInt32());
        // A bare server has no changing variable (CurrentTime is not sampled): the first value arriving by Publish
        // shows the subscription path works under the policy.
        Assert.True(result.GetProperty("changes").GetInt32() >= 1, output);
    }

    private async Task<(int Exit, string Output, string Error)> RunNodeClientAsync(string policy, string mode, string pki)
    {
        await NodeOpcUaServer.EnsureInstalledAsync();
        var info = new ProcessStartInfo("node") { WorkingDirectory = NodeOpcUaServer.InteropDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "secure-client.js", "--endpoint", _server.EndpointUrl, "--policy", policy, "--mode", mode, "--pki", pki, "--user", "op:pw" })
        {
            info.ArgumentList.Add(a);
        }

        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        return (process.ExitCode, await output, await error);
    }

    private static async Task<byte[]> ReadToEndAsync(NetworkStream stream)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[4096];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        int read;
        while ((read = await stream.ReadAsync(chunk, timeout.Token)) > 0)
        {
            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private OpcUaClientOptions Options(string policy, MessageSecurityMode mode) => new()
    {
        Endpoint = new Uri(_server.EndpointUrl),
        ApplicationUri = ClientUri,
        Reconnect = false,
        ServerCertificateValidator = _clientPki.ValidateServerCertificate,
        Channel = new SecureChannelOptions
        {
            SecurityPolicyUri = policy,
            SecurityMode = mode,
            ApplicationCertificate = _clientPki.GetOrCreateApplicationCertificate("Factory test client", ClientUri, ["localhost"]),
        },
    };
}
