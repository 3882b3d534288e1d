using System.Buffers;
using System.Collections.Concurrent;
using System.Net.Sockets;
using Factory.OpcUa.Encoding;
using Factory.OpcUa.Services;
using Factory.OpcUa.Transport;

namespace Factory.OpcUa.SecureChannel;

/// <summary>
/// The client end of a UA-TCP connection with a secure channel on top: Hello/Acknowledge, OpenSecureChannel
/// (issue, and renew at 75 % of the lifetime), chunked requests and responses matched by request id (responses
/// may arrive in any order), sequence number checks and CloseSecureChannel.
/// </summary>
public sealed class ClientSecureChannel : IAsyncDisposable
{
    private readonly SecureChannelOptions _options;
    private readonly ISecurityPolicy _policy;
    private readonly FrameStream _frames;
    private readonly TcpClient _tcp;
    private readonly MessageChunker _chunker;
    private readonly ChunkAssembler _assembler;
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly UaWriter _bodyWriter = new(64 * 1024);
    private readonly ConcurrentDictionary<uint, Pending> _pending = new();
    private readonly CancellationTokenSource _lifetime = new();
    private readonly TaskCompletionSource<Exception?> _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TransportLimits _peer = new();
    private uint _requestId;
    private uint _requestHandle;
    private uint? _lastReceivedSequence;
    private uint _tokenId;
    private uint _previousTokenId;
    private ITimer? _renewTimer;
    private Task? _receiveLoop;
    private int _state = (int)SecureChannelState.Opening;

    private ClientSecureChannel(Uri endpoint, TcpClient tcp, SecureChannelOptions options)
    {
        Endpoint = endpoint;
        _tcp = tcp;
        _options = options;
        _policy = options.CreatePolicy();
        _frames = new FrameStream(tcp.GetStream()) { MaxFrameSize = options.TransportLimits.ReceiveBufferSize };
        _chunker = new MessageChunker(_policy);
        _assembler = new ChunkAssembler(options.TransportLimits.MaxMessageSize, options.TransportLimits.MaxChunkCount);
    }

    public Uri Endpoint { get; }

    public uint ChannelId { get; private set; }

    public uint TokenId => _tokenId;

    /// <summary>The security policy URI in force on this channel.</summary>
    public string SecurityPolicyUri => _policy.PolicyUri;

    /// <summary>None, Sign or SignAndEncrypt.</summary>
    public MessageSecurityMode SecurityMode => _policy.SecurityMode;

    /// <summary>When the current token was issued and how long it lives (as revised by the server).</summary>
    public TimeSpan RevisedLifetime { get; private set; }

    /// <summary>How many times the token was renewed.</summary>
    public int RenewCount { get; private set; }

    /// <summary>The limits the server acknowledged (its receive buffer is our chunk size).</summary>
    public TransportLimits PeerLimits => _peer;

    public SecureChannelState State => (SecureChannelState)Volatile.Read(ref _state);

    /// <summary>Completes when the channel ends; the result is the error that ended it, or null after a clean close.</summary>
    public Task<Exception?> Closed => _closed.Task;

    /// <summary>Connects, exchanges Hello/Acknowledge and opens the secure channel.</summary>
    public static async Task<ClientSecureChannel> OpenAsync(Uri endpoint, SecureChannelOptions? options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        options ??= new SecureChannelOptions();
        if (!string.Equals(endpoint.Scheme, "opc.tcp", StringComparison.OrdinalIgnoreCase))
        {
            throw new ServiceResultException(new StatusCode(StatusCodes.BadTcpEndpointUrlInvalid), $"'{endpoint}' is not an opc.tcp:// URL.");
        }

        // The socket is only ever used with blocking calls (connect and handshake on a short-lived thread of their
        // own, not a pool thread, bounded by the timeout, which closes the socket). A socket that saw one asynchronous call stays non-blocking in .NET,
        // and then every blocking read of the receive thread goes through the socket engine's event thread and a
        // thread-pool work item: two extra wake-ups per message.
        var tcp = new TcpClient { NoDelay = true };
        using var connectTimeout = new CancellationTokenSource(options.ConnectTimeout, options.TimeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, connectTimeout.Token);
        var connect = RunOnOwnThread(() => tcp.Connect(endpoint.Host, endpoint.Port < 0 ? 4840 : endpoint.Port), "OPC UA connect");
        try
        {
            await connect.WaitAsync(linked.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException)
        {
            tcp.Dispose();
            _ = connect.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
            if (cancellationToken.IsCancellationRequested)
            {
                throw;
            }

            throw new ServiceResultException(new StatusCode(StatusCodes.BadNotConnected), $"Cannot connect to {endpoint}: {ex.Message}", ex);
        }

        var channel = new ClientSecureChannel(endpoint, tcp, options);
        var handshake = RunOnOwnThread(channel.Handshake, "OPC UA connect");
        try
        {
            try
            {
                await handshake.WaitAsync(linked.Token).ConfigureAwait(false);
            }
            finally
            {
                _ = handshake.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
            }

            channel._receiveLoop = channel.StartReceiveThread();
            await channel.OpenOrRenewAsync(SecurityTokenRequestType.Issue, linked.Token).ConfigureAwait(false);
            Volatile.Write(ref channel._state, (int)SecureChannelState.Open);
            return channel;
        }
        catch (Exception ex)
        {
            await channel.AbortAsync(ex).ConfigureAwait(false);
            if (ex is OperationCanceledException && connectTimeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                throw new ServiceResultException(new StatusCode(StatusCodes.BadTimeout), $"Opening a channel to {endpoint} timed out.", ex);
            }

            throw;
        }
    }

    /// <summary>A fresh request handle for a RequestHeader.</summary>
    public uint NextRequestHandle() => Interlocked.Increment(ref _requestHandle);

    /// <summary>
    /// Sends a request and waits for its response. A ServiceFault or a Bad ServiceResult in the response header
    /// raises <see cref="ServiceResultException"/>, as does a timeout (BadTimeout) or a closed channel.
    /// </summary>
    public Task<TResponse> SendRequestAsync<TResponse>(IServiceRequest request, TimeSpan? timeout, CancellationToken cancellationToken)
        where TResponse : class, IServiceResponse =>
        SendRequestAsync<TResponse>(request, timeout, continueOnReceiveThread: false, cancellationToken);

    /// <summary>
    /// As <see cref="SendRequestAsync{TResponse}(IServiceRequest, TimeSpan?, CancellationToken)"/>; with
    /// <paramref name="continueOnReceiveThread"/> the awaiting code resumes on the receive thread right after the
    /// response is decoded, without a thread-pool hand-off. Only for the client's own code that never blocks.
    /// </summary>
    internal async Task<TResponse> SendRequestAsync<TResponse>(IServiceRequest request, TimeSpan? timeout, bool continueOnReceiveThread, CancellationToken cancellationToken)
        where TResponse : class, IServiceResponse
    {
        ArgumentNullException.ThrowIfNull(request);
        var response = await SendAsync(MessageType.Message, request, timeout ?? _options.DefaultRequestTimeout, cancellationToken, continueOnReceiveThread).ConfigureAwait(false);
        if (response is ServiceFault fault)
        {
            throw new ServiceResultException(fault.ResponseHeader.ServiceResult, $"{request.GetType().Name} failed") { ReportedByServer = true };
        }

        if (response is not TResponse typed)
        {
            throw new ServiceResultException(new StatusCode(StatusCodes.BadUnknownResponse), $"Expected {typeof(TResponse).Name} but got {response.GetType().Name}.");
        }

        if (typed.ResponseHeader.ServiceResult.IsBad)
        {
            throw new ServiceResultException(typed.ResponseHeader.ServiceResult, $"{request.GetType().Name} failed") { ReportedByServer = true };
        }

        return typed;
    }

    /// <summary>Sends CloseSecureChannel and closes the socket.</summary>
    public async Task CloseAsync(CancellationToken cancellationToken)
    {
        if (State == SecureChannelState.Closed)
        {
            return;
        }

        try
        {
            var request = new CloseSecureChannelRequest { RequestHeader = NewHeader(TimeSpan.FromSeconds(1)) };
            await SendOnlyAsync(MessageType.CloseChannel, request, Interlocked.Increment(ref _requestId), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is ServiceResultException or IOException or ObjectDisposedException or SocketException)
        {
            // The peer may already be gone; closing proceeds either way.
        }

        await AbortAsync(null).ConfigureAwait(false);
    }

    /// <summary>Drops the connection at once (no CloseSecureChannel), failing every pending request.</summary>
    public async Task AbortAsync(Exception? reason)
    {
        if (Interlocked.Exchange(ref _state, (int)SecureChannelState.Closed) == (int)SecureChannelState.Closed && _closed.Task.IsCompleted)
        {
            return;
        }

        _renewTimer?.Dispose();
        await _lifetime.CancelAsync().ConfigureAwait(false);
        _tcp.Dispose();
        var error = reason as ServiceResultException
            ?? new ServiceResultException(new StatusCode(StatusCodes.BadSecureChannelClosed), reason?.Message ?? "The secure channel was closed.", reason);
        foreach (var id in _pending.Keys)
        {
            if (_pending.TryRemove(id, out var pending))
            {
                pending.TrySetException(error);
            }
        }

        _closed.TrySetResult(reason);
    }

    public async ValueTask DisposeAsync()
    {
        await CloseAsync(CancellationToken.None).ConfigureAwait(false);
        if (_receiveLoop is not null)
        {
            await _receiveLoop.ConfigureAwait(false);
        }

        _lifetime.Dispose();
        _sendLock.Dispose();
    }

    /// <summary>Builds a RequestHeader with a fresh handle and the given timeout hint.</summary>
    public RequestHeader NewHeader(TimeSpan timeout, NodeId? authenticationToken = null) => new()
    {
        AuthenticationToken = authenticationToken ?? NodeId.Null,
        Timestamp = _options.TimeProvider.GetUtcNow().UtcDateTime,
        RequestHandle = NextRequestHandle(),
        TimeoutHint = (uint)Math.Clamp(timeout.TotalMilliseconds, 0, uint.MaxValue),
    };

    private void Handshake()
    {
        var hello = new HelloMessage(0, _options.TransportLimits, Endpoint.ToString());
        _frames.WriteMessage(MessageType.Hello, hello.Encode);
        using var frame = _frames.Read();
        var reader = new UaReader(frame.Body, _options.DecodingLimits);
        if (frame.MessageType == MessageType.Error)
        {
            var error = ErrorMessage.Decode(ref reader);
            throw new ServiceResultException(error.Error, error.Reason);
        }

        if (frame.MessageType != MessageType.Acknowledge)
        {
            throw new ServiceResultException(new StatusCode(StatusCodes.BadTcpMessageTypeInvalid), "The server did not answer Hello with Acknowledge.");
        }

        var ack = AcknowledgeMessage.Decode(ref reader).Limits;
        if (ack.ReceiveBufferSize < TransportLimits.MinBufferSize || ack.SendBufferSize < TransportLimits.MinBufferSize)
        {
            throw new ServiceResultException(new StatusCode(StatusCodes.BadTcpInternalError), "The server acknowledged buffers smaller than 8192 bytes.");
        }

        _peer = ack with { ReceiveBufferSize = Math.Min(ack.ReceiveBufferSize, _options.TransportLimits.SendBufferSize) };
        _frames.MaxFrameSize = Math.Min(_options.TransportLimits.ReceiveBufferSize, ack.SendBufferSize);
    }

    private async Task OpenOrRenewAsync(SecurityTokenRequestType type, CancellationToken cancellationToken)
    {
        var request = new OpenSecureChannelRequest
        {
            RequestHeader = NewHeader(_options.DefaultRequestTimeout),
            ClientProtocolVersion = 0,
            RequestType = type,
            SecurityMode = _policy.SecurityMode,
            ClientNonce = _policy.CreateNonce(),
            RequestedLifetime = (uint)Math.Clamp(_options.RequestedLifetime.TotalMilliseconds, 1000, uint.MaxValue),
        };
        var response = await SendAsync(MessageType.OpenChannel, request, _options.DefaultRequestTimeout, cancellationToken).ConfigureAwait(false);
        if (response is ServiceFault fault)
        {
            throw new ServiceResultException(fault.ResponseHeader.ServiceResult, "OpenSecureChannel failed");
        }

        if (response is not OpenSecureChannelResponse open)
        {
            throw new ServiceResultException(new StatusCode(StatusCodes.BadUnknownResponse), "OpenSecureChannel got an unexpected response.");
        }

        if (open.ResponseHeader.ServiceResult.IsBad)
        {
            throw new ServiceResultException(open.ResponseHeader.ServiceResult, "OpenSecureChannel failed");
        }

        // Keys first: the next request goes out under the new token as soon as _tokenId changes.
        _policy.OnTokenIssued(open.SecurityToken.TokenId, request.ClientNonce, open.ServerNonce);
        ChannelId = open.SecurityToken.ChannelId;
        _previousTokenId = _tokenId;
        _tokenId = open.SecurityToken.TokenId;
        RevisedLifetime = TimeSpan.FromMilliseconds(Math.Max(1000, open.SecurityToken.RevisedLifetime));
        if (type == SecurityTokenRequestType.Renew)
        {
            RenewCount++;
        }

        ScheduleRenewal();
    }

    private void ScheduleRenewal()
    {
        _renewTimer?.Dispose();
        var due = TimeSpan.FromTicks((long)(RevisedLifetime.Ticks * 0.75));
        _renewTimer = _options.TimeProvider.CreateTimer(_ => _ = RenewAsync(), null, due, Timeout.InfiniteTimeSpan);
    }

    private async Task RenewAsync()
    {
        try
        {
            await OpenOrRenewAsync(SecurityTokenRequestType.Renew, _lifetime.Token).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            await AbortAsync(ex).ConfigureAwait(false);
        }
    }

    private async Task<IEncodeable> SendAsync(uint messageType, IServiceRequest request, TimeSpan timeout, CancellationToken cancellationToken, bool continueOnReceiveThread = false)
    {
        if (State == SecureChannelState.Closed)
        {
            throw new ServiceResultException(new StatusCode(StatusCodes.BadSecureChannelClosed), "The secure channel is closed.");
        }

        var requestId = Interlocked.Increment(ref _requestId);
        var pending = new Pending(continueOnReceiveThread);
        _pending[requestId] = pending;
        using var timeoutSource = new CancellationTokenSource(timeout + TimeSpan.FromMilliseconds(500), _options.TimeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeoutSource.Token, cancellationToken);
        using var registration = linked.Token.Register(() =>
        {
            if (_pending.TryRemove(requestId, out var p))
            {
                if (cancellationToken.IsCancellationRequested)
                {
                    p.TrySetCanceled(cancellationToken);
                }
                else
                {
                    p.TrySetException(new ServiceResultException(new StatusCode(StatusCodes.BadTimeout), $"{request.GetType().Name} got no response within {timeout.TotalSeconds:0.###} s."));
                }
            }
        });
        try
        {
            await SendOnlyAsync(messageType, request, requestId, linked.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException)
        {
            _pending.TryRemove(requestId, out _);
            var error = new ServiceResultException(new StatusCode(StatusCodes.BadConnectionClosed), ex.Message, ex);
            await AbortAsync(error).ConfigureAwait(false);
            throw error;
        }

        return await pending.Task.ConfigureAwait(false);
    }

    private async Task SendOnlyAsync(uint messageType, IServiceRequest request, uint requestId, CancellationToken cancellationToken)
    {
        await _sendLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            _bodyWriter.Reset();
            _bodyWriter.WriteNodeId(request.BinaryEncodingId);
            request.Encode(_bodyWriter);
            ReadOnlyMemory<byte> frames = messageType == MessageType.OpenChannel
                ? BuildOpenChunk(requestId, _bodyWriter.WrittenSpan)
                : _chunker.BuildSymmetric(messageType, ChannelId, _tokenId, requestId, _bodyWriter.WrittenSpan, _peer);
            // Blocking, like every call on this socket (see OpenAsync); requests are small next to the socket buffer.
            _frames.Write(frames.Span);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    private byte[] BuildOpenChunk(uint requestId, ReadOnlySpan<byte> body)
    {
        // OpenSecureChannel always fits one chunk: its body is a header, a nonce and a few numbers.
        _chunker.SequenceNumber = SequenceNumbers.Next(_chunker.SequenceNumber);
        return _policy.BuildAsymmetricChunk(ChannelId, _chunker.SequenceNumber, requestId, body);
    }

    /// <summary>
    /// Runs the receive loop on a thread of its own with blocking reads: a busy subscription then costs no
    /// thread-pool wake-up (and its spinning) per chunk, and a quiet connection costs nothing at all.
    /// </summary>
    private Task StartReceiveThread()
    {
        var loop = RunOnOwnThread(ReceiveLoop, "OPC UA receive");
        // The loop reports its failure through AbortAsync (Closed); the task only tells when the thread is done.
        return loop.ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    /// <summary>Runs blocking work on a background thread of its own (never a pool thread, which it could hold for seconds).</summary>
    private static Task RunOnOwnThread(Action work, string name)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try
            {
                work();
                done.TrySetResult();
            }
            catch (Exception ex)
            {
                done.TrySetException(ex);
            }
        })
        {
            IsBackground = true,
            Name = name,
        };
        thread.Start();
        return done.Task;
    }

    private void ReceiveLoop()
    {
        Exception? failure = null;
        try
        {
            while (!_lifetime.IsCancellationRequested)
            {
                using var frame = _frames.Read();
                Dispatch(frame);
            }
        }
        catch (Exception) when (_lifetime.IsCancellationRequested)
        {
            // Closing the socket is how a close or an abort ends a blocked read.
        }
        catch (Exception ex)
        {
            failure = ex;
        }

        if (failure is not null)
        {
            AbortAsync(failure).GetAwaiter().GetResult();
        }
    }

    private void Dispatch(Frame frame)
    {
        var type = frame.MessageType;
        if (type == MessageType.Error)
        {
            var errorReader = new UaReader(frame.Body, _options.DecodingLimits);
            var error = ErrorMessage.Decode(ref errorReader);
            throw new ServiceResultException(error.Error, error.Reason ?? "The server sent an Error message.");
        }

        if (type != MessageType.Message && type != MessageType.OpenChannel && type != MessageType.CloseChannel)
        {
            throw new ServiceResultException(new StatusCode(StatusCodes.BadTcpMessageTypeInvalid), $"Unexpected message type 0x{type:X6}.");
        }

        var reader = new UaReader(frame.Body, _options.DecodingLimits, _options.Registry);
        var channelId = reader.ReadUInt32();
        if (ChannelId != 0 && channelId != ChannelId)
        {
            throw new ServiceResultException(new StatusCode(StatusCodes.BadTcpSecureChannelUnknown), $"A chunk for channel {channelId} arrived on channel {ChannelId}.");
        }

        int bodyLength;
        if (type == MessageType.OpenChannel)
        {
            var policyUri = reader.ReadString();
            var senderCertificate = reader.ReadByteString();
            var receiverThumbprint = reader.ReadByteString();
            if (policyUri != _policy.PolicyUri)
            {
                throw new ServiceResultException(new StatusCode(StatusCodes.BadSecurityPolicyRejected), $"The server answered with policy {policyUri}, not {_policy.PolicyUri}.");
            }

            // Decrypted in place: the reader's span sees the plaintext sequence header and body.
            bodyLength = _policy.UnprotectAsymmetricChunk(frame.Bytes, 8 + reader.Position, senderCertificate, receiverThumbprint) - 8;
        }
        else
        {
            var tokenId = reader.ReadUInt32();
            if (tokenId != _tokenId && tokenId != _previousTokenId)
            {
                throw new ServiceResultException(new StatusCode(StatusCodes.BadSecureChannelTokenUnknown), $"Token {tokenId} is not known.");
            }

            bodyLength = _policy.UnprotectSymmetricChunk(frame.Bytes, MessageChunker.SymmetricHeaderSize);
        }

        var sequence = reader.ReadUInt32();
        if (_lastReceivedSequence is { } last && !SequenceNumbers.Follows(last, sequence))
        {
            throw new ServiceResultException(new StatusCode(StatusCodes.BadSequenceNumberInvalid), $"Sequence number {sequence} does not follow {last}.");
        }

        _lastReceivedSequence = sequence;
        var requestId = reader.ReadUInt32();
        var headerEnd = 8 + reader.Position;
        if (type != MessageType.OpenChannel)
        {
            bodyLength -= headerEnd - MessageChunker.SymmetricHeaderSize;
        }

        var body = frame.Bytes.Slice(headerEnd, Math.Max(0, Math.Min(bodyLength, frame.Length - headerEnd)));
        switch (frame.ChunkType)
        {
            case MessageType.Continuation:
                try
                {
                    _assembler.Append(requestId, body);
                }
                catch (ServiceResultException ex)
                {
                    Fail(requestId, ex);
                }

                return;
            case MessageType.Abort:
            {
                _assembler.Discard(requestId);
                var abortReader = new UaReader(body, _options.DecodingLimits);
                var error = ErrorMessage.Decode(ref abortReader);
                Fail(requestId, new ServiceResultException(error.Error, error.Reason ?? "The server aborted the response."));
                return;
            }

            case MessageType.Final:
                break;
            default:
                throw new ServiceResultException(new StatusCode(StatusCodes.BadTcpMessageTypeInvalid), $"Unknown chunk type {(char)frame.ChunkType}.");
        }

        if (!_assembler.HasPartial(requestId))
        {
            Deliver(requestId, body);
            return;
        }

        byte[] buffer;
        int length;
        try
        {
            (buffer, length) = _assembler.Complete(requestId, body);
        }
        catch (ServiceResultException ex)
        {
            Fail(requestId, ex);
            return;
        }

        try
        {
            Deliver(requestId, buffer.AsSpan(0, length));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private void Deliver(uint requestId, ReadOnlySpan<byte> body)
    {
        if (!_pending.TryRemove(requestId, out var pending))
        {
            return;
        }

        try
        {
            var reader = new UaReader(body, _options.DecodingLimits, _options.Registry);
            var typeId = reader.ReadNodeId();
            if (!_options.Registry.TryCreate(typeId, out var response))
            {
                throw new ServiceResultException(new StatusCode(StatusCodes.BadUnknownResponse), $"The response type {typeId} is not known.");
            }

            response.Decode(ref reader);
            pending.TrySetResult(response);
        }
        catch (UaDecodingException ex)
        {
            pending.TrySetException(new ServiceResultException(ex.StatusCode, ex.Message, ex));
        }
        catch (ServiceResultException ex)
        {
            pending.TrySetException(ex);
        }
    }

    private void Fail(uint requestId, ServiceResultException error)
    {
        if (_pending.TryRemove(requestId, out var pending))
        {
            pending.TrySetException(error);
        }
    }

    private sealed class Pending : TaskCompletionSource<IEncodeable>
    {
        public Pending(bool continueSynchronously)
            : base(continueSynchronously ? TaskCreationOptions.None : TaskCreationOptions.RunContinuationsAsynchronously)
        {
        }
    }
}
