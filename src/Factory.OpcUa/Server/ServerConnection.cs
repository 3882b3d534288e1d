using System.Buffers;
using System.Net;
using System.Net.Sockets;
using Factory.OpcUa.Encoding;
using Factory.OpcUa.Security;
using Factory.OpcUa.SecureChannel;
using Factory.OpcUa.Services;
using Factory.OpcUa.Transport;

namespace Factory.OpcUa.Server;

/// <summary>
/// The server end of one UA-TCP connection: Hello/Acknowledge, a secure channel under None or a signed (and
/// encrypted) policy (issue and renew tokens, close; the client's certificate judged by the trust list), chunk reassembly within the negotiated limits and chunked responses. Any protocol
/// violation ends the connection with an Error message; it never takes the server down.
/// </summary>
internal sealed class ServerConnection
{
    // Chunked requests being assembled at once; each may grow to the message size limit, so their number is bounded too.
    private const int MaxPartialMessages = 8;

    private readonly OpcUaServer _server;
    private readonly OpcUaServerOptions _options;
    private readonly TcpClient _tcp;
    private readonly FrameStream _frames;
    private MessageChunker _chunker = new(SecurityPolicyNone.Instance);
    private ISecurityPolicy _policy = SecurityPolicyNone.Instance;
    private ISecurityPolicy? _opening;
    private uint _sendTokenId;
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly UaWriter _bodyWriter = new(64 * 1024);
    private readonly CancellationTokenSource _lifetime;
    private readonly DecodingLimits _decodingLimits;
    private readonly HashSet<uint> _partials = [];
    private ChunkAssembler _assembler;
    private TransportLimits _peer = new();
    private uint? _lastSequence;
    private uint _tokenId;
    private uint _previousTokenId;
    private bool _open;
    private readonly long _acceptedTicks;
    /// <summary>When the client last sent a message, or last waited on the server (see <see cref="WaitedOn"/>).</summary>
    private long _lastReceivedTicks;
    private long _tokenExpiresTicks = long.MaxValue;

    /// <param name="reservedOnly">Accepted on the reserved path: only a secured channel with a trusted certificate may open.</param>
    public ServerConnection(OpcUaServer server, OpcUaServerOptions options, TcpClient tcp, uint channelId, bool reservedOnly, CancellationToken serverStopping)
    {
        _server = server;
        _options = options;
        _tcp = tcp;
        ChannelId = channelId;
        ReservedOnly = reservedOnly;
        ClientAddress = ClientAddressOf(tcp);
        _acceptedTicks = options.TimeProvider.GetUtcNow().UtcTicks;
        _lastReceivedTicks = _acceptedTicks;
        _frames = new FrameStream(tcp.GetStream());
        _lifetime = CancellationTokenSource.CreateLinkedTokenSource(serverStopping);
        _decodingLimits = new DecodingLimits(MaxMessageSize: options.TransportLimits.MaxMessageSize);
        _assembler = new ChunkAssembler(options.TransportLimits.MaxMessageSize, options.TransportLimits.MaxChunkCount);
    }

    public uint ChannelId { get; }

    /// <summary>The client's IP address (IPv4-mapped addresses as IPv4), counted against the per-client limit.</summary>
    public IPAddress? ClientAddress { get; }

    /// <summary>True when the connection came in over a limit and may only open a secured, trusted channel.</summary>
    public bool ReservedOnly { get; }

    public bool IsOpen => _open && !_lifetime.IsCancellationRequested;

    /// <summary>The channel's signing policy (with the client's certificate); null on a None channel.</summary>
    public RsaSecurityPolicy? Security => _policy as RsaSecurityPolicy;

    /// <summary>
    /// Notifications that surely fit the client's message size limit (256 bytes each is generous for scalars), so a
    /// large backlog goes out as several Publish responses instead of one the client would refuse.
    /// </summary>
    public int MaxNotificationsPerMessage => _peer.MaxMessageSize <= 0 ? 50_000 : Math.Clamp(_peer.MaxMessageSize / 256, 16, 50_000);

    /// <summary>The address a connection is counted under: IPv4-mapped IPv6 addresses are their IPv4 address.</summary>
    public static IPAddress? ClientAddressOf(TcpClient tcp) =>
        tcp.Client.RemoteEndPoint is IPEndPoint { Address: var address } ? (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address) : null;

    /// <summary>
    /// True when the connection should be closed for idling: no secure channel (on the reserved path: no secured one)
    /// within the Hello timeout of its accept, no message for the idle timeout, or a channel token that expired (with a quarter of grace) without renewal.
    /// </summary>
    public bool IsIdle(DateTimeOffset now)
    {
        var ticks = now.UtcTicks;
        var unsecuredOnReservedPath = ReservedOnly && Security is null;
        if ((!Volatile.Read(ref _open) || unsecuredOnReservedPath) && ticks - _acceptedTicks > _options.HelloTimeout.Ticks)
        {
            return true;
        }

        return ticks - Interlocked.Read(ref _lastReceivedTicks) > _options.IdleConnectionTimeout.Ticks
            || ticks > Interlocked.Read(ref _tokenExpiresTicks);
    }

    /// <summary>
    /// The client is waiting on the server at <paramref name="now"/> (a parked Publish, a long keep-alive): the idle timeout
    /// counts from the last time it waited, not from its last message, so the connection is not closed the moment the
    /// server answers after a silence longer than the timeout, before the client can send its next request.
    /// </summary>
    public void WaitedOn(DateTimeOffset now) => Interlocked.Exchange(ref _lastReceivedTicks, now.UtcTicks);

    /// <summary>
    /// Answers a connection refused at accept with an Error message: reads its Hello first (within a short bound), so
    /// the client is not reset before it can read why, then closes it.
    /// </summary>
    public static async Task RefuseAsync(TcpClient tcp, StatusCode code, string reason)
    {
        using (tcp)
        {
            try
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                var frames = new FrameStream(tcp.GetStream());
                using (await frames.ReadAsync(timeout.Token).ConfigureAwait(false))
                {
                }

                await frames.WriteMessageAsync(MessageType.Error, new ErrorMessage(code, reason).Encode, timeout.Token).ConfigureAwait(false);
                tcp.Client.Shutdown(SocketShutdown.Send);
            }
            catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException or OperationCanceledException or ServiceResultException or UaDecodingException)
            {
            }
        }
    }

    /// <summary>Serves the connection until the client closes it, breaks the protocol or the server stops.</summary>
    public async Task RunAsync()
    {
        var token = _lifetime.Token;
        try
        {
            using (var helloTimeout = new CancellationTokenSource(_options.HelloTimeout, _options.TimeProvider))
            using (var linked = CancellationTokenSource.CreateLinkedTokenSource(token, helloTimeout.Token))
            {
                using var hello = await _frames.ReadAsync(linked.Token).ConfigureAwait(false);
                var ack = AcceptHello(hello);
                await _frames.WriteMessageAsync(MessageType.Acknowledge, ack.Encode, token).ConfigureAwait(false);
            }

            while (!token.IsCancellationRequested)
            {
                IServiceRequest? request;
                uint requestId;
                uint type;
                StatusCode fault;
                using (var frame = await _frames.ReadAsync(token).ConfigureAwait(false))
                {
                    Interlocked.Exchange(ref _lastReceivedTicks, _options.TimeProvider.GetUtcNow().UtcTicks);
                    type = frame.MessageType;
                    if (type == MessageType.CloseChannel)
                    {
                        return;
                    }

                    (request, requestId, fault) = type switch
                    {
                        MessageType.OpenChannel => ReadOpen(frame),
                        MessageType.Message => ReadMessage(frame),
                        _ => throw new ServiceResultException(new StatusCode(StatusCodes.BadTcpMessageTypeInvalid), $"Unexpected message type 0x{type:X6}."),
                    };
                }

                if (type == MessageType.OpenChannel)
                {
                    await SendOpenAsync(requestId, Open((OpenSecureChannelRequest)request!), token).ConfigureAwait(false);
                    continue;
                }

                if (fault.IsBad)
                {
                    await SendAsync(requestId, Fault(request?.RequestHeader.RequestHandle ?? 0, fault.Code)).ConfigureAwait(false);
                    continue;
                }

                if (request is null)
                {
                    continue;
                }

                if (ReservedOnly && Security is null && request is not (GetEndpointsRequest or FindServersRequest))
                {
                    // On the reserved path a None channel serves only discovery, which a client needs before it opens a secured one.
                    throw new ServiceResultException(new StatusCode(StatusCodes.BadTcpServerTooBusy), "The server is at its connection limit; only secured channels of trusted clients get in now.");
                }

                IServiceResponse? response;
                try
                {
                    response = _server.Dispatch(this, requestId, request);
                }
                catch (ServiceResultException ex)
                {
                    response = Fault(request.RequestHeader.RequestHandle, ex.StatusCode.Code);
                }

                if (response is not null)
                {
                    await SendAsync(requestId, response).ConfigureAwait(false);
                }
            }
        }
        catch (ServiceResultException ex) when (ex.StatusCode.Code is not StatusCodes.BadConnectionClosed)
        {
            await TrySendErrorAsync(ex.StatusCode, ex.Message).ConfigureAwait(false);
        }
        catch (UaDecodingException ex)
        {
            await TrySendErrorAsync(ex.StatusCode, ex.Message).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException or ServiceResultException)
        {
        }
        finally
        {
            Close();
            _server.OnConnectionClosed(this);
        }
    }

    /// <summary>Sends a response (or a ServiceFault in its place when it breaks the client's limits).</summary>
    public async Task SendAsync(uint requestId, IServiceResponse response)
    {
        if (_lifetime.IsCancellationRequested)
        {
            return;
        }

        try
        {
            await _sendLock.WaitAsync(_lifetime.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException)
        {
            return;
        }

        try
        {
            ReadOnlyMemory<byte> frames;
            try
            {
                frames = Build(requestId, response);
            }
            catch (ServiceResultException ex)
            {
                frames = Build(requestId, Fault(response.ResponseHeader.RequestHandle, ex.StatusCode.Code == StatusCodes.BadRequestTooLarge ? StatusCodes.BadResponseTooLarge : ex.StatusCode.Code));
            }

            await _frames.WriteAsync(frames, _lifetime.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
        {
            Close();
        }
        finally
        {
            _sendLock.Release();
        }
    }

    /// <summary>Fire-and-forget send for timer-driven responses (Publish); failures close the connection.</summary>
    public void Post(uint requestId, IServiceResponse response) => _ = SendAsync(requestId, response);

    public void Close()
    {
        _open = false;
        try
        {
            _lifetime.Cancel();
        }
        catch (ObjectDisposedException)
        {
        }

        _tcp.Dispose();
    }

    public ServiceFault Fault(uint requestHandle, uint status) => new()
    {
        ResponseHeader = new ResponseHeader
        {
            Timestamp = _options.TimeProvider.GetUtcNow().UtcDateTime,
            RequestHandle = requestHandle,
            ServiceResult = new StatusCode(status),
        },
    };

    private ReadOnlyMemory<byte> Build(uint requestId, IServiceResponse response)
    {
        _bodyWriter.Reset();
        _bodyWriter.WriteNodeId(response.BinaryEncodingId);
        response.Encode(_bodyWriter);
        return _chunker.BuildSymmetric(MessageType.Message, ChannelId, _sendTokenId, requestId, _bodyWriter.WrittenSpan, _peer);
    }

    private AcknowledgeMessage AcceptHello(Frame frame)
    {
        if (frame.MessageType != MessageType.Hello)
        {
            throw new ServiceResultException(new StatusCode(StatusCodes.BadTcpMessageTypeInvalid), "The first message must be Hello.");
        }

        var reader = new UaReader(frame.Body, new DecodingLimits(MaxStringLength: 4096));
        var hello = HelloMessage.Decode(ref reader);
        var client = hello.Limits;
        if (client.ReceiveBufferSize < TransportLimits.MinBufferSize || client.SendBufferSize < TransportLimits.MinBufferSize)
        {
            throw new ServiceResultException(new StatusCode(StatusCodes.BadTcpInternalError), "Buffers smaller than 8192 bytes are not allowed.");
        }

        var ours = _options.TransportLimits;
        var receive = Math.Min(client.SendBufferSize, ours.ReceiveBufferSize);
        var send = Math.Min(client.ReceiveBufferSize, ours.SendBufferSize);
        _peer = new TransportLimits(send, send, client.MaxMessageSize, client.MaxChunkCount);
        _frames.MaxFrameSize = receive;
        _assembler = new ChunkAssembler(ours.MaxMessageSize, ours.MaxChunkCount);
        return new AcknowledgeMessage(0, new TransportLimits(receive, send, ours.MaxMessageSize, ours.MaxChunkCount));
    }

    private (IServiceRequest? Request, uint RequestId, StatusCode Fault) ReadOpen(Frame frame)
    {
        var reader = new UaReader(frame.Body, _decodingLimits, EncodeableRegistry.Default);
        var channelId = reader.ReadUInt32();
        var policyUri = reader.ReadString();
        var senderCertificate = reader.ReadByteString();
        var receiverThumbprint = reader.ReadByteString();
        if (frame.ChunkType != MessageType.Final)
        {
            throw new ServiceResultException(new StatusCode(StatusCodes.BadTcpMessageTypeInvalid), "OpenSecureChannel must fit one chunk.");
        }

        if (_open && channelId != ChannelId)
        {
            throw new ServiceResultException(new StatusCode(StatusCodes.BadTcpSecureChannelUnknown), $"Channel {channelId} is not this channel.");
        }

        var securityHeaderEnd = 8 + reader.Position;
        var policy = ChoosePolicy(policyUri, senderCertificate);

        // Decrypted in place; the body reader sees exactly the plaintext sequence header and body.
        var plainLength = policy.UnprotectAsymmetricChunk(frame.Bytes, securityHeaderEnd, senderCertificate, receiverThumbprint);
        var body = new UaReader(frame.Bytes.Slice(securityHeaderEnd, plainLength), _decodingLimits, EncodeableRegistry.Default);
        var sequence = body.ReadUInt32();
        CheckSequence(sequence);
        var requestId = body.ReadUInt32();
        var typeId = body.ReadNodeId();
        if (typeId != OpenSecureChannelRequest.EncodingId)
        {
            throw new ServiceResultException(new StatusCode(StatusCodes.BadTcpMessageTypeInvalid), "An OPN chunk must carry OpenSecureChannelRequest.");
        }

        var request = new OpenSecureChannelRequest();
        request.Decode(ref body);
        _opening = policy;
        return (request, requestId, StatusCode.Good);
    }

    /// <summary>The policy for an OpenSecureChannel: the channel's own for a renewal, else a new one the server offers for a trusted client.</summary>
    private ISecurityPolicy ChoosePolicy(string? policyUri, byte[]? senderCertificate)
    {
        if (_open)
        {
            return policyUri == _policy.PolicyUri
                ? _policy
                : throw new ServiceResultException(new StatusCode(StatusCodes.BadSecurityPolicyRejected), "A renewal must keep the channel's security policy.");
        }

        if (policyUri == SecurityPolicyNone.Uri)
        {
            // Always accepted: discovery (GetEndpoints) works over None; sessions are refused there unless None is offered.
            return SecurityPolicyNone.Instance;
        }

        var offered = _options.OfferedSecurity().Select(o => o.PolicyUri).Distinct().ToList();
        var algorithms = SecurityAlgorithms.Find(policyUri);
        if (algorithms is null || !offered.Contains(algorithms.Uri) || _options.Certificate is null)
        {
            throw new ServiceResultException(new StatusCode(StatusCodes.BadSecurityPolicyRejected), $"Security policy {policyUri} is not offered; this server offers {string.Join(", ", offered)}.");
        }

        using var client = CertificateChain.Load(senderCertificate, "client");
        var trustList = _options.TrustList
            ?? throw new ServiceResultException(new StatusCode(StatusCodes.BadCertificateUntrusted), "This server has no trust list for client certificates.");
        trustList.Validate(client, $"client at {_tcp.Client.RemoteEndPoint}");
        return new RsaSecurityPolicy(algorithms, MessageSecurityMode.SignAndEncrypt, _options.Certificate, senderCertificate!, isClient: false);
    }

    private OpenSecureChannelResponse Open(OpenSecureChannelRequest request)
    {
        if (request.RequestType == SecurityTokenRequestType.Issue ? _open : !_open)
        {
            throw new ServiceResultException(new StatusCode(StatusCodes.BadTcpMessageTypeInvalid), $"{request.RequestType} is not valid now.");
        }

        var policy = _opening ?? _policy;
        _opening = null;
        if (policy is RsaSecurityPolicy secured)
        {
            if (!_options.OfferedSecurity().Contains((secured.PolicyUri, request.SecurityMode)) || (_open && request.SecurityMode != secured.SecurityMode))
            {
                throw new ServiceResultException(new StatusCode(StatusCodes.BadSecurityModeRejected), $"Security mode {request.SecurityMode} is not offered with {secured.Algorithms.Name}.");
            }

            secured.SecurityMode = request.SecurityMode;
        }
        else if (request.SecurityMode != MessageSecurityMode.None)
        {
            throw new ServiceResultException(new StatusCode(StatusCodes.BadSecurityModeRejected), $"Security mode {request.SecurityMode} needs a security policy other than None.");
        }

        var serverNonce = policy.CreateNonce();
        policy.OnTokenIssued(_tokenId + 1, request.ClientNonce, serverNonce);
        _previousTokenId = _tokenId;
        _tokenId++;
        if (!_open)
        {
            _policy = policy;
            _chunker = new MessageChunker(policy) { SequenceNumber = _chunker.SequenceNumber };
            _sendTokenId = _tokenId;
        }

        // After a renewal responses keep the old token until the client uses the new one (Part 6 §6.7.4), so the
        // client has the new keys before it needs them.
        _open = true;
        var now = _options.TimeProvider.GetUtcNow().UtcDateTime;
        var lifetime = Math.Clamp(request.RequestedLifetime, 10_000u, 3_600_000u);
        Interlocked.Exchange(ref _tokenExpiresTicks, now.Ticks + TimeSpan.FromMilliseconds(lifetime * 1.25).Ticks);
        return new OpenSecureChannelResponse
        {
            ResponseHeader = new ResponseHeader { Timestamp = now, RequestHandle = request.RequestHeader.RequestHandle },
            ServerProtocolVersion = 0,
            SecurityToken = new ChannelSecurityToken
            {
                ChannelId = ChannelId,
                TokenId = _tokenId,
                CreatedAt = now,
                RevisedLifetime = lifetime,
            },
            ServerNonce = serverNonce,
        };
    }

    private async Task SendOpenAsync(uint requestId, OpenSecureChannelResponse response, CancellationToken cancellationToken)
    {
        await _sendLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var writer = new UaWriter(256);
            writer.WriteNodeId(response.BinaryEncodingId);
            response.Encode(writer);
            _chunker.SequenceNumber = SequenceNumbers.Next(_chunker.SequenceNumber);
            var bytes = _policy.BuildAsymmetricChunk(ChannelId, _chunker.SequenceNumber, requestId, writer.WrittenSpan);
            await _frames.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    private (IServiceRequest? Request, uint RequestId, StatusCode Fault) ReadMessage(Frame frame)
    {
        if (!_open)
        {
            throw new ServiceResultException(new StatusCode(StatusCodes.BadSecureChannelClosed), "Open a secure channel first.");
        }

        var reader = new UaReader(frame.Body, _decodingLimits);
        var channelId = reader.ReadUInt32();
        var tokenId = reader.ReadUInt32();
        if (channelId != ChannelId)
        {
            throw new ServiceResultException(new StatusCode(StatusCodes.BadTcpSecureChannelUnknown), $"Channel {channelId} is not this channel.");
        }

        if (tokenId != _tokenId && tokenId != _previousTokenId)
        {
            throw new ServiceResultException(new StatusCode(StatusCodes.BadSecureChannelTokenUnknown), $"Token {tokenId} is not known.");
        }

        if (frame.Length < MessageChunker.SymmetricHeaderSize)
        {
            throw new ServiceResultException(new StatusCode(StatusCodes.BadTcpMessageTypeInvalid), "A message chunk is shorter than its headers.");
        }

        // Verified (and decrypted in place) before anything of it is believed; the reader sees the plaintext.
        var bodyLength = _policy.UnprotectSymmetricChunk(frame.Bytes, MessageChunker.SymmetricHeaderSize);
        if (tokenId == _tokenId)
        {
            _sendTokenId = tokenId;
        }

        var sequence = reader.ReadUInt32();
        CheckSequence(sequence);
        var requestId = reader.ReadUInt32();
        var body = frame.Bytes.Slice(MessageChunker.SymmetricHeaderSize, bodyLength);
        switch (frame.ChunkType)
        {
            case MessageType.Continuation:
                if (_partials.Add(requestId) && _partials.Count > MaxPartialMessages)
                {
                    throw new ServiceResultException(new StatusCode(StatusCodes.BadTcpMessageTooLarge), $"More than {MaxPartialMessages} chunked requests are in flight.");
                }

                _assembler.Append(requestId, body);
                return (null, requestId, StatusCode.Good);
            case MessageType.Abort:
                _partials.Remove(requestId);
                _assembler.Discard(requestId);
                return (null, requestId, StatusCode.Good);
            case MessageType.Final:
                break;
            default:
                throw new ServiceResultException(new StatusCode(StatusCodes.BadTcpMessageTypeInvalid), $"Unknown chunk type {frame.ChunkType}.");
        }

        _partials.Remove(requestId);
        if (!_assembler.HasPartial(requestId))
        {
            return Decode(requestId, body);
        }

        var (buffer, length) = _assembler.Complete(requestId, body);
        try
        {
            return Decode(requestId, buffer.AsSpan(0, length));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private (IServiceRequest? Request, uint RequestId, StatusCode Fault) Decode(uint requestId, ReadOnlySpan<byte> body)
    {
        try
        {
            var reader = new UaReader(body, _decodingLimits, EncodeableRegistry.Default);
            var typeId = reader.ReadNodeId();
            if (!EncodeableRegistry.Default.TryCreate(typeId, out var decoded) || decoded is not IServiceRequest request)
            {
                return (null, requestId, new StatusCode(StatusCodes.BadServiceUnsupported));
            }

            request.Decode(ref reader);
            return (request, requestId, StatusCode.Good);
        }
        catch (UaDecodingException ex)
        {
            return (null, requestId, ex.StatusCode);
        }
    }

    private void CheckSequence(uint sequence)
    {
        if (_lastSequence is { } last && !SequenceNumbers.Follows(last, sequence))
        {
            throw new ServiceResultException(new StatusCode(StatusCodes.BadSequenceNumberInvalid), $"Sequence number {sequence} does not follow {last}.");
        }

        _lastSequence = sequence;
    }

    private async Task TrySendErrorAsync(StatusCode code, string reason)
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(1));
            await _frames.WriteMessageAsync(MessageType.Error, new ErrorMessage(code, reason.Length > 1000 ? reason[..1000] : reason).Encode, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
        {
        }
    }
}
