using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Factory.OpcUa.Encoding;
using Factory.OpcUa.SecureChannel;
using Factory.OpcUa.Services;

namespace Factory.OpcUa.Server;

/// <summary>
/// A small OPC UA server over opc.tcp with SecurityPolicy None and, given a certificate, the signed and encrypted policies: discovery, sessions (anonymous or user name),
/// Browse/Read/Write/TranslateBrowsePaths/Call, and subscriptions with data-change monitored items, keep-alives,
/// Republish and TransferSubscriptions. Applications fill <see cref="AddressSpace"/> and set values in code.
/// </summary>
public sealed partial class OpcUaServer : IAsyncDisposable
{
    // Refused connections answered with an Error at once; each waits at most 2 s for its Hello, so a flood costs little.
    private const int MaxRefusalsAtOnce = 16;

    private readonly OpcUaServerOptions _options;
    private readonly TimeProvider _time;
    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentDictionary<ServerConnection, Task> _connections = new();
    private readonly object _gate = new();
    private readonly Dictionary<NodeId, ServerSession> _sessionsByToken = [];
    private readonly Dictionary<uint, ServerSubscription> _subscriptions = [];
    private readonly ITimer _housekeeping;
    private Task? _acceptLoop;
    private int _nextChannelId;
    private uint _nextSubscriptionId;
    private uint _nextMonitoredItemId;
    private int _nextSessionId;
    private int _refusing;
    private ServerState _state = ServerState.Running;

    private OpcUaServer(OpcUaServerOptions options)
    {
        _options = options;
        _time = options.TimeProvider;
        StartTime = _time.GetUtcNow().UtcDateTime;
        AddressSpace = new AddressSpace(options, () => _state, StartTime);
        _listener = new TcpListener(IPAddress.Parse(options.Host), options.Port);
        _housekeeping = _time.CreateTimer(_ => Housekeeping(), null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
    }

    /// <summary>The nodes served; add folders and variables here.</summary>
    public AddressSpace AddressSpace { get; }

    /// <summary>opc.tcp://host:port as clients should dial it.</summary>
    public string EndpointUrl { get; private set; } = string.Empty;

    /// <summary>The server's application certificate (null when it offers only SecurityPolicy None).</summary>
    public System.Security.Cryptography.X509Certificates.X509Certificate2? Certificate => _options.Certificate;

    /// <summary>The bound port (useful with Port 0).</summary>
    public int Port { get; private set; }

    public DateTime StartTime { get; }

    /// <summary>Open TCP connections.</summary>
    public int ConnectionCount => _connections.Count;

    /// <summary>Live sessions.</summary>
    public int SessionCount
    {
        get
        {
            lock (_gate)
            {
                return _sessionsByToken.Count;
            }
        }
    }

    /// <summary>Live subscriptions (for tests: a timed-out session's are deleted).</summary>
    internal int SubscriptionCount
    {
        get
        {
            lock (_gate)
            {
                return _subscriptions.Count;
            }
        }
    }

    /// <summary>Binds the port and starts accepting clients.</summary>
    public static Task<OpcUaServer> StartAsync(OpcUaServerOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        cancellationToken.ThrowIfCancellationRequested();
        if (options.Certificate is not null && (options.TrustList is null || !options.Certificate.HasPrivateKey))
        {
            throw new ArgumentException("A server with a certificate needs its private key and a trust list for client certificates.", nameof(options));
        }

        if (options.Certificate is not null && !Security.ApplicationCertificate.ApplicationUris(options.Certificate).Contains(options.ApplicationUri))
        {
            throw new ArgumentException($"The server certificate does not name the ApplicationUri {options.ApplicationUri}; clients would refuse it.", nameof(options));
        }

        var server = new OpcUaServer(options);
        try
        {
            server._listener.Start(backlog: 64);
        }
        catch (SocketException ex)
        {
            server._housekeeping.Dispose();
            throw new InvalidOperationException($"Cannot listen on {options.Host}:{options.Port}: {ex.Message}", ex);
        }

        server.Port = ((IPEndPoint)server._listener.LocalEndpoint).Port;
        var host = options.Host.Contains(':', StringComparison.Ordinal) ? $"[{options.Host}]" : options.Host;
        server.EndpointUrl = $"opc.tcp://{host}:{server.Port}";
        server._acceptLoop = Task.Run(server.AcceptLoopAsync, CancellationToken.None);
        return Task.FromResult(server);
    }

    /// <summary>Drops every connection at once (sessions and subscriptions stay until they time out), as a crash would.</summary>
    public void DropConnections()
    {
        foreach (var connection in _connections.Keys)
        {
            connection.Close();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_stopping.IsCancellationRequested)
        {
            return;
        }

        _state = ServerState.Shutdown;
        await _stopping.CancelAsync().ConfigureAwait(false);
        _listener.Stop();
        _housekeeping.Dispose();
        DropConnections();
        if (_acceptLoop is not null)
        {
            await _acceptLoop.ConfigureAwait(false);
        }

        await Task.WhenAll(_connections.Values).WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        lock (_gate)
        {
            foreach (var subscription in _subscriptions.Values)
            {
                subscription.Timer?.Dispose();
            }

            _subscriptions.Clear();
            _sessionsByToken.Clear();
        }

        _stopping.Dispose();
    }

    internal void OnConnectionClosed(ServerConnection connection) => _connections.TryRemove(connection, out _);

    private async Task AcceptLoopAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            TcpClient tcp;
            try
            {
                tcp = await _listener.AcceptTcpClientAsync(_stopping.Token).ConfigureAwait(false);
            }
            catch (InvalidOperationException)
            {
                // "Not listening" or disposed: the listener is stopped only on dispose, which can race the first accept.
                return;
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException)
            {
                if (_stopping.IsCancellationRequested)
                {
                    return;
                }

                continue;
            }

            tcp.NoDelay = true;
            if (Admit(ServerConnection.ClientAddressOf(tcp)) is not { } reservedOnly)
            {
                Refuse(tcp);
                continue;
            }

            var connection = new ServerConnection(this, _options, tcp, (uint)Interlocked.Increment(ref _nextChannelId), reservedOnly, _stopping.Token);
            _connections[connection] = Task.Run(connection.RunAsync, CancellationToken.None);
        }
    }

    /// <summary>
    /// Whether a new connection from this address gets in: false within the limits, true on the reserved path (over
    /// the total or per-client limit, while reserved slots are free), null when refused.
    /// </summary>
    private bool? Admit(IPAddress? address)
    {
        int total = 0, fromClient = 0, reserved = 0;
        foreach (var open in _connections.Keys)
        {
            total++;
            fromClient += address is not null && address.Equals(open.ClientAddress) ? 1 : 0;
            reserved += open.ReservedOnly ? 1 : 0;
        }

        if (total < _options.MaxConnections && fromClient < _options.MaxConnectionsPerClient)
        {
            return false;
        }

        return reserved < _options.ReservedConnections ? true : null;
    }

    /// <summary>Closes a refused connection with BadTcpServerTooBusy; past a few refusals at once it is dropped without a word.</summary>
    private void Refuse(TcpClient tcp)
    {
        if (Interlocked.Increment(ref _refusing) > MaxRefusalsAtOnce)
        {
            Interlocked.Decrement(ref _refusing);
            tcp.Dispose();
            return;
        }

        _ = Task.Run(async () =>
        {
            try
            {
                await ServerConnection.RefuseAsync(tcp, new StatusCode(StatusCodes.BadTcpServerTooBusy), "The server is at its connection limit.").ConfigureAwait(false);
            }
            finally
            {
                Interlocked.Decrement(ref _refusing);
            }
        });
    }

    private ResponseHeader Header(IServiceRequest request, uint status = StatusCodes.Good) => new()
    {
        Timestamp = _time.GetUtcNow().UtcDateTime,
        RequestHandle = request.RequestHeader.RequestHandle,
        ServiceResult = new StatusCode(status),
    };

    private void Housekeeping()
    {
        var now = _time.GetUtcNow();
        HashSet<ServerConnection> waiting;
        lock (_gate)
        {
            // A connection with a parked Publish is waiting on us (a long keep-alive), not idle.
            waiting = [.. _sessionsByToken.Values.Where(s => s.PublishQueue.Count > 0).Select(s => s.Connection)];
        }

        foreach (var connection in _connections.Keys)
        {
            if (waiting.Contains(connection))
            {
                connection.WaitedOn(now);
            }
            else if (connection.IsIdle(now))
            {
                connection.Close();
            }
        }

        var expired = new List<(ServerConnection, uint, IServiceResponse)>();
        lock (_gate)
        {
            foreach (var session in _sessionsByToken.Values.ToArray())
            {
                if (session.PublishQueue.Count > 0 && session.Connection.IsOpen)
                {
                    // A parked Publish is a request the client waits on: the session is in use.
                    session.LastActivity = now;
                }
                else if (session.Activated ? now - session.LastActivity > session.Timeout : now - session.Created > _options.SessionActivationTimeout)
                {
                    RemoveSession(session, deleteSubscriptions: true);
                    continue;
                }

                var count = session.PublishQueue.Count;
                for (var i = 0; i < count; i++)
                {
                    var pending = session.PublishQueue.Dequeue();
                    var hint = pending.Request.RequestHeader.TimeoutHint;
                    if (hint > 0 && now - pending.Received > TimeSpan.FromMilliseconds(hint))
                    {
                        expired.Add((pending.Connection, pending.RequestId, pending.Connection.Fault(pending.Request.RequestHeader.RequestHandle, StatusCodes.BadTimeout)));
                    }
                    else
                    {
                        session.PublishQueue.Enqueue(pending);
                    }
                }
            }
        }

        foreach (var (connection, requestId, response) in expired)
        {
            connection.Post(requestId, response);
        }
    }

    private void RemoveSession(ServerSession session, bool deleteSubscriptions)
    {
        _sessionsByToken.Remove(session.AuthenticationToken);
        while (session.PublishQueue.TryDequeue(out var pending))
        {
            pending.Connection.Post(pending.RequestId, pending.Connection.Fault(pending.Request.RequestHeader.RequestHandle, StatusCodes.BadSessionClosed));
        }

        foreach (var subscription in session.Subscriptions.ToArray())
        {
            if (deleteSubscriptions)
            {
                DeleteSubscription(subscription);
            }
            else
            {
                subscription.Session = null;
            }
        }

        session.Subscriptions.Clear();
    }

    /// <summary>Routes one decoded request; null when the response is sent later (Publish).</summary>
    internal IServiceResponse? Dispatch(ServerConnection connection, uint requestId, IServiceRequest request)
    {
        switch (request)
        {
            case GetEndpointsRequest r:
                return new GetEndpointsResponse { ResponseHeader = Header(r), Endpoints = Endpoints() };
            case FindServersRequest r:
                return new FindServersResponse { ResponseHeader = Header(r), Servers = [Description()] };
            case CreateSessionRequest r:
                return CreateSession(connection, r);
            case ActivateSessionRequest r:
                return ActivateSession(connection, r);
            case CloseSessionRequest r:
                return CloseSession(connection, r);
        }

        ServerSession session;
        lock (_gate)
        {
            if (!_sessionsByToken.TryGetValue(request.RequestHeader.AuthenticationToken, out var found))
            {
                return connection.Fault(request.RequestHeader.RequestHandle, StatusCodes.BadSessionIdInvalid);
            }

            if (found.Connection != connection)
            {
                return connection.Fault(request.RequestHeader.RequestHandle, StatusCodes.BadSecureChannelIdInvalid);
            }

            if (!found.Activated)
            {
                return connection.Fault(request.RequestHeader.RequestHandle, StatusCodes.BadSessionNotActivated);
            }

            found.LastActivity = _time.GetUtcNow();
            session = found;
        }

        return request switch
        {
            ReadRequest r => Read(session, r),
            WriteRequest r => Write(session, r),
            BrowseRequest r => Browse(session, r),
            BrowseNextRequest r => BrowseNext(session, r),
            TranslateBrowsePathsToNodeIdsRequest r => Translate(r),
            RegisterNodesRequest r => new RegisterNodesResponse { ResponseHeader = Header(r), RegisteredNodeIds = r.NodesToRegister },
            UnregisterNodesRequest r => new UnregisterNodesResponse { ResponseHeader = Header(r) },
            CallRequest r => new CallResponse
            {
                ResponseHeader = Header(r),
                Results = [.. r.MethodsToCall.Select(_ => new CallMethodResult { StatusCode = new StatusCode(StatusCodes.BadMethodInvalid) })],
            },
            CreateSubscriptionRequest r => CreateSubscription(session, r),
            ModifySubscriptionRequest r => ModifySubscription(session, r),
            DeleteSubscriptionsRequest r => DeleteSubscriptions(session, r),
            SetPublishingModeRequest r => SetPublishingMode(session, r),
            CreateMonitoredItemsRequest r => CreateMonitoredItems(session, r),
            ModifyMonitoredItemsRequest r => ModifyMonitoredItems(session, r),
            DeleteMonitoredItemsRequest r => DeleteMonitoredItems(session, r),
            SetMonitoringModeRequest r => SetMonitoringMode(session, r),
            PublishRequest r => Publish(session, connection, requestId, r),
            RepublishRequest r => Republish(session, r),
            TransferSubscriptionsRequest r => TransferSubscriptions(session, r),
            _ => connection.Fault(request.RequestHeader.RequestHandle, StatusCodes.BadServiceUnsupported),
        };
    }

    private ApplicationDescription Description() => new()
    {
        ApplicationUri = _options.ApplicationUri,
        ProductUri = _options.ProductUri,
        ApplicationName = new LocalizedText(_options.ApplicationName),
        ApplicationType = ApplicationType.Server,
        DiscoveryUrls = [EndpointUrl],
    };

    private EndpointDescription[] Endpoints()
    {
        var endpoints = new List<EndpointDescription>();
        foreach (var (policyUri, mode) in _options.OfferedSecurity())
        {
            var policies = new List<UserTokenPolicy>();
            if (_options.AllowAnonymous)
            {
                policies.Add(new UserTokenPolicy { PolicyId = "anonymous", TokenType = UserTokenType.Anonymous });
            }

            // On a secured endpoint the password is encrypted with the channel's policy (an empty URI says so); on
            // None it is encrypted with Basic256Sha256 when the server has a certificate, else it travels in clear.
            var passwordPolicy = mode != MessageSecurityMode.None ? null
                : _options.Certificate is not null ? Security.SecurityAlgorithms.Basic256Sha256Uri : SecurityPolicyNone.Uri;
            policies.Add(new UserTokenPolicy { PolicyId = "username", TokenType = UserTokenType.UserName, SecurityPolicyUri = passwordPolicy });
            endpoints.Add(new EndpointDescription
            {
                EndpointUrl = EndpointUrl,
                Server = Description(),
                ServerCertificate = _options.Certificate?.RawData,
                SecurityMode = mode,
                SecurityPolicyUri = policyUri,
                UserIdentityTokens = [.. policies],
                TransportProfileUri = "http://opcfoundation.org/UA-Profile/Transport/uatcp-uasc-uabinary",
                SecurityLevel = (byte)(mode == MessageSecurityMode.SignAndEncrypt ? 3 : mode == MessageSecurityMode.Sign ? 2 : 0),
            });
        }

        return [.. endpoints];
    }
}
