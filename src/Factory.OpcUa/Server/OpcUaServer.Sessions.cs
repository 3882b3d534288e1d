using System.Security.Cryptography;
using Factory.OpcUa.Encoding;
using Factory.OpcUa.Security;
using Factory.OpcUa.Services;

namespace Factory.OpcUa.Server;

/// <summary>Session services: CreateSession, ActivateSession (anonymous or user name), CloseSession.</summary>
public sealed partial class OpcUaServer
{
    private IServiceResponse CreateSession(ServerConnection connection, CreateSessionRequest request)
    {
        lock (_gate)
        {
            // Past the total only secured channels (whose certificates the trust list accepted) use the reserved sessions.
            var limit = connection.Security is null ? _options.MaxSessions : _options.MaxSessions + _options.ReservedSessions;
            if (_sessionsByToken.Count >= limit || SessionsOn(connection) >= _options.MaxSessionsPerConnection)
            {
                return connection.Fault(request.RequestHeader.RequestHandle, StatusCodes.BadTooManySessions);
            }

            var security = connection.Security;
            if (security is null && !_options.OfferedSecurity().Contains((SecureChannel.SecurityPolicyNone.Uri, MessageSecurityMode.None)))
            {
                return connection.Fault(request.RequestHeader.RequestHandle, StatusCodes.BadSecurityPolicyRejected);
            }

            if (security is not null && CheckClient(security, request) is { } refused)
            {
                return connection.Fault(request.RequestHeader.RequestHandle, refused);
            }

            var timeout = TimeSpan.FromMilliseconds(Math.Clamp(double.IsFinite(request.RequestedSessionTimeout) ? request.RequestedSessionTimeout : 0, _options.MinSessionTimeout.TotalMilliseconds, Math.Max(3_600_000, _options.MinSessionTimeout.TotalMilliseconds)));
            var id = new NodeId((uint)Interlocked.Increment(ref _nextSessionId), 1);
            var token = new NodeId(Guid.NewGuid(), 1);
            var session = new ServerSession(id, token, request.SessionName, timeout, connection, _time.GetUtcNow());
            session.ServerNonce = RandomNumberGenerator.GetBytes(32);
            session.ClientCertificate = security?.RemoteCertificate;
            _sessionsByToken[token] = session;
            return new CreateSessionResponse
            {
                ServerCertificate = _options.Certificate?.RawData,
                ResponseHeader = Header(request),
                SessionId = id,
                AuthenticationToken = token,
                RevisedSessionTimeout = timeout.TotalMilliseconds,
                ServerNonce = session.ServerNonce,
                ServerEndpoints = Endpoints(),
                ServerSignature = security is null
                    ? new SignatureData()
                    : SessionSignature.Create(_options.Certificate!, security.Algorithms, request.ClientCertificate, request.ClientNonce),
                MaxRequestMessageSize = (uint)Math.Max(0, _options.TransportLimits.MaxMessageSize),
            };
        }
    }

    private IServiceResponse ActivateSession(ServerConnection connection, ActivateSessionRequest request)
    {
        var handle = request.RequestHeader.RequestHandle;
        byte[] nonce;
        lock (_gate)
        {
            if (!_sessionsByToken.TryGetValue(request.RequestHeader.AuthenticationToken, out var found))
            {
                return connection.Fault(handle, StatusCodes.BadSessionIdInvalid);
            }

            nonce = found.ServerNonce;
            if (CheckActivation(connection, found, request) is { } refused)
            {
                return connection.Fault(handle, refused);
            }
        }

        string? user;
        switch (request.UserIdentityToken.Body)
        {
            case null when request.UserIdentityToken.IsNull:
            case AnonymousIdentityToken:
                if (!_options.AllowAnonymous)
                {
                    return connection.Fault(handle, StatusCodes.BadIdentityTokenRejected);
                }

                user = null;
                break;
            case UserNameIdentityToken token:
                var passwordBytes = token.Password;
                if (!string.IsNullOrEmpty(token.EncryptionAlgorithm))
                {
                    passwordBytes = _options.Certificate is null ? null : UserTokenDecryption.Decrypt(token, _options.Certificate, nonce);
                    if (passwordBytes is null)
                    {
                        return connection.Fault(handle, StatusCodes.BadIdentityTokenInvalid);
                    }
                }
                else if (connection.Security is { SecurityMode: not MessageSecurityMode.SignAndEncrypt })
                {
                    // A password in clear on a channel that only signs would be readable on the wire.
                    return connection.Fault(handle, StatusCodes.BadIdentityTokenInvalid);
                }

                var password = passwordBytes is null ? string.Empty : System.Text.Encoding.UTF8.GetString(passwordBytes);
                if (token.UserName is null || !_options.Users.TryGetValue(token.UserName, out var expected)
                    || !CryptographicOperations.FixedTimeEquals(System.Text.Encoding.UTF8.GetBytes(expected), System.Text.Encoding.UTF8.GetBytes(password)))
                {
                    return connection.Fault(handle, StatusCodes.BadUserAccessDenied);
                }

                user = token.UserName;
                break;
            default:
                return connection.Fault(handle, StatusCodes.BadIdentityTokenInvalid);
        }

        lock (_gate)
        {
            if (!_sessionsByToken.TryGetValue(request.RequestHeader.AuthenticationToken, out var session))
            {
                return connection.Fault(handle, StatusCodes.BadSessionIdInvalid);
            }

            if (session.Activated && session.UserName != user && session.Connection != connection)
            {
                // Moving a session to a new channel needs the same user, so a session cannot be hijacked.
                return connection.Fault(handle, StatusCodes.BadUserAccessDenied);
            }

            if (session.Connection != connection && SessionsOn(connection) >= _options.MaxSessionsPerConnection)
            {
                return connection.Fault(handle, StatusCodes.BadTooManySessions);
            }

            session.Connection = connection;
            session.UserName = user;
            session.Activated = true;
            session.LastActivity = _time.GetUtcNow();
            session.ServerNonce = RandomNumberGenerator.GetBytes(32);
            return new ActivateSessionResponse
            {
                ResponseHeader = Header(request),
                ServerNonce = session.ServerNonce,
                Results = [],
            };
        }
    }

    private IServiceResponse CloseSession(ServerConnection connection, CloseSessionRequest request)
    {
        lock (_gate)
        {
            if (!_sessionsByToken.TryGetValue(request.RequestHeader.AuthenticationToken, out var session) || session.Connection != connection)
            {
                return connection.Fault(request.RequestHeader.RequestHandle, StatusCodes.BadSessionIdInvalid);
            }

            RemoveSession(session, request.DeleteSubscriptions);
            return new CloseSessionResponse { ResponseHeader = Header(request) };
        }
    }

    private int SessionsOn(ServerConnection connection) => _sessionsByToken.Values.Count(s => s.Connection == connection);

    /// <summary>A secured CreateSession: the channel's certificate, with the ApplicationUri the client claims, and a long enough nonce.</summary>
    private static uint? CheckClient(RsaSecurityPolicy security, CreateSessionRequest request)
    {
        if (request.ClientCertificate is null || !CertificateChain.First(request.ClientCertificate).AsSpan().SequenceEqual(security.RemoteCertificate))
        {
            return StatusCodes.BadCertificateInvalid;
        }

        if (request.ClientNonce is null || request.ClientNonce.Length < 32)
        {
            return StatusCodes.BadNonceInvalid;
        }

        using var certificate = CertificateChain.Load(request.ClientCertificate, "client");
        return ApplicationCertificate.ApplicationUris(certificate).Contains(request.ClientDescription.ApplicationUri ?? string.Empty)
            ? null
            : StatusCodes.BadCertificateUriInvalid;
    }

    /// <summary>
    /// A secured ActivateSession proves the client holds the key of the session's certificate (a signature over our
    /// certificate and last nonce); a secured session never moves to a None channel or to another certificate.
    /// </summary>
    private uint? CheckActivation(ServerConnection connection, ServerSession session, ActivateSessionRequest request)
    {
        var security = connection.Security;
        if (session.ClientCertificate is not null && (security is null || !security.RemoteCertificate.AsSpan().SequenceEqual(session.ClientCertificate)))
        {
            return StatusCodes.BadSecurityChecksFailed;
        }

        if (security is not null && !SessionSignature.Verify(security.RemoteCertificate, security.Algorithms, _options.Certificate!.RawData, session.ServerNonce, request.ClientSignature))
        {
            return StatusCodes.BadApplicationSignatureInvalid;
        }

        return null;
    }
}
