using System.Security.Cryptography;
using Factory.OpcUa.Client;
using Factory.OpcUa.Encoding;
using Factory.OpcUa.Security;
using Factory.OpcUa.SecureChannel;
using Factory.OpcUa.Server;
using Factory.OpcUa.Services;

namespace Factory.OpcUa.Tests.Server;

/// <summary>A hostile client against our server over real sockets: the limits refuse it and a trusted client still gets in.</summary>
public sealed class ServerLimitsTests : IAsyncLifetime
{
    private const string ClientUri = "urn:factory:tests:limits-client";
    private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(30);
    private readonly string _root = Path.Combine(Path.GetTempPath(), "factory-opcua-limits-tests", Guid.NewGuid().ToString("N"));
    private CertificateStore _serverPki = null!;
    private CertificateStore _clientPki = null!;

    public Task InitializeAsync()
    {
        _serverPki = new CertificateStore(Path.Combine(_root, "server"));
        _clientPki = new CertificateStore(Path.Combine(_root, "client"));
        _serverPki.Trust(_clientPki.GetOrCreateApplicationCertificate("Limits test client", ClientUri, ["localhost"]));
        _clientPki.Trust(_serverPki.GetOrCreateApplicationCertificate("Limits test server", "urn:factory:tests:limits-server", ["localhost", "127.0.0.1"]));
        return Task.CompletedTask;
    }

    public Task DisposeAsync()
    {
        Directory.Delete(_root, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task One_connection_gets_only_its_share_of_sessions_and_unactivated_ones_are_closed()
    {
        await using var server = await StartAsync(new OpcUaServerOptions { Port = 0, SessionActivationTimeout = TimeSpan.FromSeconds(1) });
        await using var hostile = await OpenAsync(server);
        for (var i = 0; i < 10; i++)
        {
            await CreateSessionAsync(hostile);
        }

        var refused = await Assert.ThrowsAsync<ServiceResultException>(() => CreateSessionAsync(hostile));
        Assert.Equal(StatusCodes.BadTooManySessions, refused.StatusCode.Code);

        // Never activated, so closed on the activation timeout while the connection stays open.
        await WaitUntilAsync(() => server.SessionCount == 0, "the unactivated sessions are closed");
        Assert.Equal(1, server.ConnectionCount);
        await AssertServesAnonymousClientAsync(server);
    }

    [Fact]
    public async Task Connections_over_the_per_client_limit_are_refused_with_an_error_until_the_client_leaves()
    {
        await using var server = await StartAsync(new OpcUaServerOptions { Port = 0, MaxConnectionsPerClient = 4, ReservedConnections = 0 });
        var hostile = await OpenAsync(server, 4);

        var refused = await Assert.ThrowsAsync<ServiceResultException>(() => OpenAsync(server));
        Assert.Equal(StatusCodes.BadTcpServerTooBusy, refused.StatusCode.Code);

        foreach (var channel in hostile)
        {
            await channel.DisposeAsync();
        }

        await WaitUntilAsync(() => server.ConnectionCount == 0, "the hostile connections are gone");
        await AssertServesAnonymousClientAsync(server);
    }

    [Fact]
    public async Task Idle_connections_are_closed_and_free_their_slots()
    {
        await using var server = await StartAsync(new OpcUaServerOptions
        {
            Port = 0, MaxConnectionsPerClient = 3, ReservedConnections = 0, IdleConnectionTimeout = TimeSpan.FromSeconds(1),
        });
        var idle = await OpenAsync(server, 3);

        foreach (var channel in idle)
        {
            // The server ends each one; the client sees its channel closed.
            await channel.Closed.WaitAsync(s_wait);
            await channel.DisposeAsync();
        }

        await WaitUntilAsync(() => server.ConnectionCount == 0, "the idle connections are closed");
        await AssertServesAnonymousClientAsync(server);
    }

    [Fact]
    public async Task A_connection_waiting_on_a_long_keep_alive_is_not_idle()
    {
        // Idle after 2 s, keep-alive after 6 s: the wait is three times the timeout. The server counts the timeout from the
        // last time the client waited on it (checked every second), so the answer leaves the client at least a second to
        // send its next request; before, it counted from the Publish and could close the connection right after answering.
        await using var server = await StartAsync(new OpcUaServerOptions { Port = 0, IdleConnectionTimeout = TimeSpan.FromSeconds(2) });
        await using var client = await OpenAsync(server);
        var session = await CreateSessionAsync(client);
        await ActivateAnonymousAsync(client, session);
        await client.SendRequestAsync<CreateSubscriptionResponse>(new CreateSubscriptionRequest
        {
            RequestHeader = client.NewHeader(s_wait, session.AuthenticationToken),
            RequestedPublishingInterval = 1000,
            RequestedLifetimeCount = 10_000,
            RequestedMaxKeepAliveCount = 6,
            PublishingEnabled = true,
        }, s_wait, CancellationToken.None);

        // The first Publish is answered at once; the second waits for the keep-alive, about 6 s of silence on the
        // connection, far past the idle timeout, and still arrives on a connection that is open.
        for (var i = 0; i < 2; i++)
        {
            var keepAlive = await client.SendRequestAsync<PublishResponse>(new PublishRequest
            {
                RequestHeader = client.NewHeader(s_wait, session.AuthenticationToken),
            }, s_wait, CancellationToken.None);
            Assert.Equal(SecureChannelState.Open, client.State);
            Assert.Empty(keepAlive.NotificationMessage.NotificationData);
        }

        // What a client does next, at once: it is served on the same connection.
        var read = await client.SendRequestAsync<ReadResponse>(new ReadRequest
        {
            RequestHeader = client.NewHeader(s_wait, session.AuthenticationToken),
            NodesToRead = [new ReadValueId { NodeId = new NodeId(2259u), AttributeId = Attributes.Value }],
        }, s_wait, CancellationToken.None);
        Assert.True(read.Results[0].StatusCode.IsGood);
        Assert.Equal(SecureChannelState.Open, client.State);
    }

    [Fact]
    public async Task A_session_without_requests_times_out_and_its_subscriptions_are_deleted()
    {
        await using var server = await StartAsync(new OpcUaServerOptions { Port = 0, MinSessionTimeout = TimeSpan.FromSeconds(1) });
        await using var hostile = await OpenAsync(server);
        var session = await CreateSessionAsync(hostile, sessionTimeout: TimeSpan.FromSeconds(1));
        await ActivateAnonymousAsync(hostile, session);
        await hostile.SendRequestAsync<CreateSubscriptionResponse>(new CreateSubscriptionRequest
        {
            RequestHeader = hostile.NewHeader(s_wait, session.AuthenticationToken),
            RequestedPublishingInterval = 1000,
            RequestedLifetimeCount = 10_000,
            RequestedMaxKeepAliveCount = 1000,
            PublishingEnabled = true,
        }, s_wait, CancellationToken.None);
        Assert.Equal(1, server.SubscriptionCount);

        // The connection stays open, but no request comes: the session and its subscription go.
        await WaitUntilAsync(() => server.SessionCount == 0 && server.SubscriptionCount == 0, "the idle session is closed");
        var gone = await Assert.ThrowsAsync<ServiceResultException>(() => hostile.SendRequestAsync<ReadResponse>(new ReadRequest
        {
            RequestHeader = hostile.NewHeader(s_wait, session.AuthenticationToken),
            NodesToRead = [new ReadValueId { NodeId = new NodeId(2259u), AttributeId = Attributes.Value }],
        }, s_wait, CancellationToken.None));
        Assert.Equal(StatusCodes.BadSessionIdInvalid, gone.StatusCode.Code);
    }

    [Fact]
    public async Task At_the_total_limits_only_a_trusted_secured_client_gets_in_on_the_reserved_path()
    {
        await using var server = await StartAsync(new OpcUaServerOptions
        {
            Port = 0,
            ApplicationUri = "urn:factory:tests:limits-server",
            Certificate = _serverPki.GetOrCreateApplicationCertificate("Limits test server", "urn:factory:tests:limits-server", ["localhost", "127.0.0.1"]),
            TrustList = _serverPki,
            MaxConnections = 3,
            ReservedConnections = 2,
            MaxSessions = 3,
            ReservedSessions = 2,
        });
        var hostile = new List<ClientSecureChannel>();
        for (var i = 0; i < 3; i++)
        {
            var channel = await OpenAsync(server);
            hostile.Add(channel);
            await ActivateAnonymousAsync(channel, await CreateSessionAsync(channel));
        }

        var anonymous = new OpcUaClientOptions { Endpoint = new Uri(server.EndpointUrl), Reconnect = false };
        var refused = await Assert.ThrowsAsync<ServiceResultException>(() => OpcUaClient.ConnectAsync(anonymous));
        Assert.Equal(StatusCodes.BadTcpServerTooBusy, refused.StatusCode.Code);

        // Its discovery connection and refused one leave the reserved slots.
        await WaitUntilAsync(() => server.ConnectionCount == 3, "the refused client's connections are closed");
        await using (var trusted = await OpcUaClient.ConnectAsync(Secured(server)))
        {
            Assert.True((await trusted.ReadValueAsync(new NodeId(2259u))).StatusCode.IsGood);
            Assert.Equal(4, server.SessionCount);
        }

        // Below the connection limit the hostile sessions still block sessions on None channels.
        await hostile[0].DisposeAsync();
        await WaitUntilAsync(() => server.ConnectionCount == 2, "one hostile connection is gone");
        var noSession = await Assert.ThrowsAsync<ServiceResultException>(() => OpcUaClient.ConnectAsync(anonymous));
        Assert.Equal(StatusCodes.BadTooManySessions, noSession.StatusCode.Code);
        foreach (var channel in hostile.Skip(1))
        {
            await channel.DisposeAsync();
        }
    }

    private static Task<OpcUaServer> StartAsync(OpcUaServerOptions options) => OpcUaServer.StartAsync(options);

    private static Task<ClientSecureChannel> OpenAsync(OpcUaServer server) =>
        ClientSecureChannel.OpenAsync(new Uri(server.EndpointUrl), null, CancellationToken.None);

    private static async Task<List<ClientSecureChannel>> OpenAsync(OpcUaServer server, int count)
    {
        var channels = new List<ClientSecureChannel>();
        for (var i = 0; i < count; i++)
        {
            channels.Add(await OpenAsync(server));
        }

        return channels;
    }

    // What the limits protect: a well-behaved client that comes along still gets a session and an answer.
    private static async Task AssertServesAnonymousClientAsync(OpcUaServer server)
    {
        await using var client = await OpcUaClient.ConnectAsync(new OpcUaClientOptions { Endpoint = new Uri(server.EndpointUrl), Reconnect = false });
        Assert.True((await client.ReadValueAsync(new NodeId(2259u))).StatusCode.IsGood);
    }

    private static Task<CreateSessionResponse> CreateSessionAsync(ClientSecureChannel channel, TimeSpan? sessionTimeout = null) =>
        channel.SendRequestAsync<CreateSessionResponse>(new CreateSessionRequest
        {
            RequestHeader = channel.NewHeader(s_wait),
            ClientDescription = new ApplicationDescription { ApplicationUri = "urn:hostile", ApplicationType = ApplicationType.Client },
            EndpointUrl = channel.Endpoint.ToString(),
            SessionName = "hostile",
            ClientNonce = RandomNumberGenerator.GetBytes(32),
            RequestedSessionTimeout = (sessionTimeout ?? TimeSpan.FromHours(1)).TotalMilliseconds,
        }, s_wait, CancellationToken.None);

    private static Task<ActivateSessionResponse> ActivateAnonymousAsync(ClientSecureChannel channel, CreateSessionResponse session) =>
        channel.SendRequestAsync<ActivateSessionResponse>(new ActivateSessionRequest
        {
            RequestHeader = channel.NewHeader(s_wait, session.AuthenticationToken),
            ClientSignature = new SignatureData(),
            UserIdentityToken = new ExtensionObject(new AnonymousIdentityToken { PolicyId = "anonymous" }),
            UserTokenSignature = new SignatureData(),
        }, s_wait, CancellationToken.None);

    private static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        using var timeout = new CancellationTokenSource(s_wait);
        while (!condition())
        {
            await Task.Delay(50, timeout.Token).ContinueWith(_ => { }, TaskScheduler.Default);
            Assert.False(timeout.IsCancellationRequested, $"Timed out waiting until {what}.");
        }
    }

    private OpcUaClientOptions Secured(OpcUaServer server) => new()
    {
        Endpoint = new Uri(server.EndpointUrl),
        ApplicationUri = ClientUri,
        Reconnect = false,
        ServerCertificateValidator = _clientPki.ValidateServerCertificate,
        Channel = new SecureChannelOptions
        {
            SecurityPolicyUri = "Basic256Sha256",
            SecurityMode = MessageSecurityMode.SignAndEncrypt,
            ApplicationCertificate = _clientPki.GetOrCreateApplicationCertificate("Limits test client", ClientUri, ["localhost"]),
        },
    };
}
