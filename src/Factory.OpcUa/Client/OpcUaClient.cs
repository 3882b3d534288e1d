using System.Security.Cryptography;
using Factory.OpcUa.Encoding;
using Factory.OpcUa.Security;
using Factory.OpcUa.SecureChannel;
using Factory.OpcUa.Services;

namespace Factory.OpcUa.Client;

/// <summary>
/// An OPC UA client session over one secure channel: connect (anonymous or user name), browse, translate browse
/// paths, read, write, call and subscribe. A lost connection is detected within
/// <see cref="OpcUaClientOptions.DeadConnectionTimeout"/> and repaired in the background (reactivate, transfer or
/// recreate), with <see cref="StateChanged"/> telling the caller what happens.
/// </summary>
public sealed partial class OpcUaClient : IAsyncDisposable
{
    private static readonly TimeSpan s_serviceTimeout = TimeSpan.FromSeconds(10);
    private readonly OpcUaClientOptions _options;
    private readonly SecureChannelOptions _channelOptions;
    private readonly TimeProvider _time;
    private readonly CancellationTokenSource _lifetime = new();
    private readonly object _stateLock = new();
    private ClientSecureChannel? _channel;
    private TaskCompletionSource _connected = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private ConnectionState _state = ConnectionState.Connecting;
    private NodeId _authenticationToken = NodeId.Null;
    private byte[]? _serverNonce;
    private byte[]? _serverCertificate;
    private EndpointDescription[] _serverEndpoints = [];
    private SecureChannelOptions _securedOptions;
    private long _lastReceiveTicks;
    private Task? _monitor;

    private OpcUaClient(OpcUaClientOptions options)
    {
        _options = options;
        _time = options.TimeProvider;
        // Data changes are decoded into pooled batches (see DataChangeBatch) unless the caller's registry leaves
        // DataChangeNotification undecoded.
        var registry = options.Channel.Registry;
        _channelOptions = registry.Contains(DataChangeNotification.EncodingId)
            ? options.Channel with { Registry = registry.With(DataChangeNotification.EncodingId, static () => new DataChangeBatch()) }
            : options.Channel;
        _securedOptions = _channelOptions;
        Limits = options.DefaultOperationLimits;
    }

    /// <summary>Raised on every state change (on a thread-pool thread).</summary>
    public event EventHandler<ConnectionStateChangedEventArgs>? StateChanged;

    public ConnectionState State
    {
        get
        {
            lock (_stateLock)
            {
                return _state;
            }
        }
    }

    public NodeId SessionId { get; private set; } = NodeId.Null;

    /// <summary>The operation limits in force (the server's where it publishes them, else the configured defaults).</summary>
    public OperationLimits Limits { get; private set; }

    /// <summary>The namespace URIs of the server (index = namespace index), read at connect.</summary>
    public IReadOnlyList<string> NamespaceUris { get; private set; } = [];

    /// <summary>The secure channel in use (changes after a reconnect).</summary>
    public ClientSecureChannel? Channel => _channel;

    /// <summary>How many times the connection was restored.</summary>
    public int ReconnectCount { get; private set; }

    public OpcUaClientOptions Options => _options;

    /// <summary>Connects, creates and activates a session, and reads the server's operation limits.</summary>
    public static async Task<OpcUaClient> ConnectAsync(OpcUaClientOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var client = new OpcUaClient(options);
        try
        {
            await client.EstablishAsync(reuseSession: false, cancellationToken).ConfigureAwait(false);
            await client.ReadServerInfoAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await client.DisposeChannelAsync().ConfigureAwait(false);
            throw;
        }

        client.SetState(ConnectionState.Connected, null);
        client._monitor = Task.Run(client.MonitorAsync, CancellationToken.None);
        return client;
    }

    /// <summary>Asks a server for its endpoints without creating a session.</summary>
    public static async Task<EndpointDescription[]> GetEndpointsAsync(Uri endpoint, SecureChannelOptions? options = null, CancellationToken cancellationToken = default)
    {
        await using var channel = await ClientSecureChannel.OpenAsync(endpoint, options, cancellationToken).ConfigureAwait(false);
        var response = await channel.SendRequestAsync<GetEndpointsResponse>(
            new GetEndpointsRequest { RequestHeader = channel.NewHeader(s_serviceTimeout), EndpointUrl = endpoint.ToString() },
            s_serviceTimeout,
            cancellationToken).ConfigureAwait(false);
        return response.Endpoints;
    }

    /// <summary>
    /// Sends any service request within the session (the authentication token is filled in). Waits while a
    /// reconnect is under way. Bad results raise <see cref="ServiceResultException"/>.
    /// </summary>
    public Task<TResponse> SendAsync<TResponse>(IServiceRequest request, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
        where TResponse : class, IServiceResponse =>
        SendAsync<TResponse>(request, timeout, continueOnReceiveThread: false, cancellationToken);

    private async Task<TResponse> SendAsync<TResponse>(IServiceRequest request, TimeSpan? timeout, bool continueOnReceiveThread, CancellationToken cancellationToken)
        where TResponse : class, IServiceResponse
    {
        ArgumentNullException.ThrowIfNull(request);
        var wait = timeout ?? s_serviceTimeout;
        var channel = await WaitForChannelAsync(wait, cancellationToken).ConfigureAwait(false);
        request.RequestHeader = channel.NewHeader(wait, _authenticationToken);
        try
        {
            var response = await channel.SendRequestAsync<TResponse>(request, wait, continueOnReceiveThread, cancellationToken).ConfigureAwait(false);
            MarkReceived();
            return response;
        }
        catch (ServiceResultException ex) when (IsConnectionFailure(ex))
        {
            OnConnectionLost(channel, ex);
            throw;
        }
    }

    /// <summary>Closes subscriptions, the session and the channel.</summary>
    public async Task CloseAsync(CancellationToken cancellationToken = default)
    {
        if (State == ConnectionState.Closed)
        {
            return;
        }

        _closing = true;
        var channel = _channel;
        if (State == ConnectionState.Connected && channel is not null)
        {
            try
            {
                await DeleteAllSubscriptionsAsync(cancellationToken).ConfigureAwait(false);
                var request = new CloseSessionRequest { DeleteSubscriptions = true, RequestHeader = channel.NewHeader(TimeSpan.FromSeconds(2), _authenticationToken) };
                await channel.SendRequestAsync<CloseSessionResponse>(request, TimeSpan.FromSeconds(2), cancellationToken).ConfigureAwait(false);
            }
            catch (ServiceResultException)
            {
                // The session ends with the channel anyway.
            }
        }

        SetState(ConnectionState.Closed, "closed by the caller");
        await _lifetime.CancelAsync().ConfigureAwait(false);
        CompleteSubscriptions(null);
        await DisposeChannelAsync().ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await CloseAsync().ConfigureAwait(false);
        if (_monitor is not null)
        {
            await _monitor.ConfigureAwait(false);
        }

        // _lifetime is left undisposed on purpose: publish continuations may still read its (cancelled) token.
    }

    private async Task EstablishAsync(bool reuseSession, CancellationToken cancellationToken)
    {
        _securedOptions = await ResolveSecurityAsync(cancellationToken).ConfigureAwait(false);
        var channel = await ClientSecureChannel.OpenAsync(_options.Endpoint, _securedOptions, cancellationToken).ConfigureAwait(false);
        try
        {
            if (!reuseSession)
            {
                await CreateSessionAsync(channel, cancellationToken).ConfigureAwait(false);
            }

            await ActivateSessionAsync(channel, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await channel.AbortAsync(null).ConfigureAwait(false);
            throw;
        }

        _ = channel.Closed.ContinueWith(
            t => OnConnectionLost(channel, t.Result ?? new ServiceResultException(new StatusCode(StatusCodes.BadSecureChannelClosed), "The secure channel closed.")),
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
        var old = Interlocked.Exchange(ref _channel, channel);
        if (old is not null)
        {
            await old.AbortAsync(null).ConfigureAwait(false);
        }

        MarkReceived();
    }

    private async Task CreateSessionAsync(ClientSecureChannel channel, CancellationToken cancellationToken)
    {
        var request = new CreateSessionRequest
        {
            RequestHeader = channel.NewHeader(s_serviceTimeout),
            ClientDescription = new ApplicationDescription
            {
                ApplicationUri = _options.ApplicationUri,
                ProductUri = "urn:factory",
                ApplicationName = new LocalizedText(_options.ApplicationName),
                ApplicationType = ApplicationType.Client,
            },
            EndpointUrl = _options.Endpoint.ToString(),
            SessionName = _options.SessionName,
            ClientNonce = RandomNumberGenerator.GetBytes(32),
            ClientCertificate = _securedOptions.IsSecured ? _securedOptions.ApplicationCertificate?.RawData : null,
            RequestedSessionTimeout = _options.SessionTimeout.TotalMilliseconds,
            MaxResponseMessageSize = (uint)_options.Channel.TransportLimits.MaxMessageSize,
        };
        var response = await channel.SendRequestAsync<CreateSessionResponse>(request, s_serviceTimeout, cancellationToken).ConfigureAwait(false);
        if (_securedOptions.IsSecured)
        {
            CheckServerSession(request, response);
        }

        SessionId = response.SessionId;
        _authenticationToken = response.AuthenticationToken;
        _serverNonce = response.ServerNonce;
        _serverCertificate = response.ServerCertificate;
        _serverEndpoints = response.ServerEndpoints;
    }

    private async Task ActivateSessionAsync(ClientSecureChannel channel, CancellationToken cancellationToken)
    {
        var identity = _options.Identity;
        var tokenType = identity.IsAnonymous ? UserTokenType.Anonymous : UserTokenType.UserName;
        var policyUri = SecurityAlgorithms.Find(_securedOptions.SecurityPolicyUri)?.Uri ?? SecurityPolicyNone.Uri;
        var endpoint = _serverEndpoints.FirstOrDefault(e => e.SecurityPolicyUri == policyUri && e.SecurityMode == _securedOptions.SecurityMode && e.UserIdentityTokens.Any(p => p.TokenType == tokenType))
            ?? _serverEndpoints.FirstOrDefault(e => e.SecurityPolicyUri == policyUri && e.UserIdentityTokens.Any(p => p.TokenType == tokenType))
            ?? _serverEndpoints.FirstOrDefault(e => e.UserIdentityTokens.Any(p => p.TokenType == tokenType));
        var policy = endpoint?.UserIdentityTokens.First(p => p.TokenType == tokenType);
        if (policy is null && _serverEndpoints.Length > 0)
        {
            throw new ServiceResultException(new StatusCode(StatusCodes.BadIdentityTokenRejected), $"The server offers no {tokenType} user token policy.");
        }

        IEncodeable token = identity.IsAnonymous
            ? new AnonymousIdentityToken { PolicyId = policy?.PolicyId ?? "anonymous" }
            : UserTokenEncryption.Create(
                policy?.PolicyId ?? "username",
                string.IsNullOrEmpty(policy?.SecurityPolicyUri) ? endpoint?.SecurityPolicyUri : policy.SecurityPolicyUri,
                identity.UserName!,
                identity.Password!,
                _serverCertificate is { Length: > 0 } ? _serverCertificate : endpoint?.ServerCertificate,
                _serverNonce);
        var request = new ActivateSessionRequest
        {
            RequestHeader = channel.NewHeader(s_serviceTimeout, _authenticationToken),
            ClientSignature = _securedOptions.IsSecured
                ? SessionSignature.Create(_securedOptions.ApplicationCertificate!, SecurityAlgorithms.Find(_securedOptions.SecurityPolicyUri)!, _serverCertificate, _serverNonce)
                : new SignatureData(),
            UserIdentityToken = new ExtensionObject(token),
            UserTokenSignature = new SignatureData(),
            LocaleIds = ["en"],
        };
        try
        {
            var response = await channel.SendRequestAsync<ActivateSessionResponse>(request, s_serviceTimeout, cancellationToken).ConfigureAwait(false);
            _serverNonce = response.ServerNonce;
        }
        catch (ServiceResultException ex) when (ex.StatusCode.Code is StatusCodes.BadUserAccessDenied or StatusCodes.BadIdentityTokenInvalid or StatusCodes.BadIdentityTokenRejected)
        {
            throw new ServiceResultException(ex.StatusCode, $"The server refused {identity} (wrong user name or password?)", ex);
        }
    }

    private async Task ReadServerInfoAsync(CancellationToken cancellationToken)
    {
        uint[] ids = [11705, 11707, 11710, 11709, 11712, 11714, 2255];
        var values = await ReadAsync(ids.Select(i => new ReadValueId { NodeId = new NodeId(i), AttributeId = Attributes.Value }).ToArray(), cancellationToken).ConfigureAwait(false);
        int Limit(int index, int fallback) =>
            values[index].StatusCode.IsGood && values[index].Value.TryGetDouble(out var v) && v > 0 ? (int)Math.Min(v, int.MaxValue) : fallback;
        var d = _options.DefaultOperationLimits;
        Limits = new OperationLimits(Limit(0, d.MaxNodesPerRead), Limit(1, d.MaxNodesPerWrite), Limit(2, d.MaxNodesPerBrowse), Limit(3, d.MaxNodesPerMethodCall), Limit(4, d.MaxNodesPerTranslateBrowsePaths), Limit(5, d.MaxMonitoredItemsPerCall));
        if (values[6].Value.Value is string?[] uris)
        {
            NamespaceUris = uris.Select(u => u ?? string.Empty).ToArray();
        }
    }

    private async Task<ClientSecureChannel> WaitForChannelAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        Task connected;
        lock (_stateLock)
        {
            if (_state == ConnectionState.Closed)
            {
                throw new ServiceResultException(new StatusCode(StatusCodes.BadSessionClosed), "The client is closed.");
            }

            connected = _connected.Task;
            if (_state == ConnectionState.Connecting && _channel is { } opening)
            {
                return opening;
            }
        }

        if (!connected.IsCompleted)
        {
            try
            {
                await connected.WaitAsync(timeout, _time, cancellationToken).ConfigureAwait(false);
            }
            catch (TimeoutException ex)
            {
                throw new ServiceResultException(new StatusCode(StatusCodes.BadNotConnected), "The connection is being restored.", ex);
            }
        }

        return _channel ?? throw new ServiceResultException(new StatusCode(StatusCodes.BadNotConnected));
    }

    private void SetState(ConnectionState state, string? reason, RecoveryPath? recovery = null)
    {
        ConnectionState previous;
        lock (_stateLock)
        {
            previous = _state;
            if (previous == state || previous == ConnectionState.Closed)
            {
                return;
            }

            _state = state;
            if (state == ConnectionState.Connected)
            {
                _connected.TrySetResult();
            }
            else if (_connected.Task.IsCompleted)
            {
                _connected = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }

            if (state == ConnectionState.Closed)
            {
                _connected.TrySetException(new ServiceResultException(new StatusCode(StatusCodes.BadSessionClosed), reason));
                _ = _connected.Task.Exception;
            }
        }

        var handler = StateChanged;
        if (handler is not null)
        {
            var args = new ConnectionStateChangedEventArgs(previous, state, reason) { Recovery = recovery };
            ThreadPool.QueueUserWorkItem(_ => handler(this, args));
        }
    }

    private void MarkReceived() => Interlocked.Exchange(ref _lastReceiveTicks, _time.GetTimestamp());

    private async Task DisposeChannelAsync()
    {
        var channel = Interlocked.Exchange(ref _channel, null);
        if (channel is not null)
        {
            await channel.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static bool IsConnectionFailure(ServiceResultException ex) => ex.ReportedByServer
        ? ex.StatusCode.Code is StatusCodes.BadSessionIdInvalid or StatusCodes.BadSessionClosed or StatusCodes.BadSessionNotActivated
            or StatusCodes.BadSecureChannelIdInvalid
        : ex.StatusCode.Code is StatusCodes.BadConnectionClosed or StatusCodes.BadSecureChannelClosed or StatusCodes.BadTimeout
            or StatusCodes.BadNotConnected or StatusCodes.BadTcpInternalError or StatusCodes.BadSequenceNumberInvalid
            or StatusCodes.BadSecureChannelTokenUnknown or StatusCodes.BadTcpMessageTooLarge or StatusCodes.BadTcpSecureChannelUnknown
            or StatusCodes.BadTcpMessageTypeInvalid;
}
