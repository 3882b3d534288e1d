using System.Security.Cryptography;
using Factory.OpcUa.Encoding;
using Factory.OpcUa.Services;

namespace Factory.OpcUa.Server;

/// <summary>Session services: CreateSession, ActivateSession (anonymous or user name), CloseSession.</summary>
public sealed partial class OpcUaServer
{
    private IServiceResponse CreateSession(ServerConnection connection, CreateSessionRequest request)
    {
        lock (_gate)
        {
            if (_sessionsByToken.Count >= _options.MaxSessions)
            {
                return connection.Fault(request.RequestHeader.RequestHandle, StatusCodes.BadTooManySessions);
            }

            var timeout = TimeSpan.FromMilliseconds(Math.Clamp(double.IsFinite(request.RequestedSessionTimeout) ? request.RequestedSessionTimeout : 0, 10_000, 3_600_000));
            var id = new NodeId((uint)Interlocked.Increment(ref _nextSessionId), 1);
            var token = new NodeId(Guid.NewGuid(), 1);
            var session = new ServerSession(id, token, request.SessionName, timeout, connection, _time.GetUtcNow());
            _sessionsByToken[token] = session;
            return new CreateSessionResponse
            {
                ResponseHeader = Header(request),
                SessionId = id,
                AuthenticationToken = token,
                RevisedSessionTimeout = timeout.TotalMilliseconds,
                ServerNonce = RandomNumberGenerator.GetBytes(32),
                ServerEndpoints = Endpoints(),
                ServerSignature = new SignatureData(),
                MaxRequestMessageSize = (uint)Math.Max(0, _options.TransportLimits.MaxMessageSize),
            };
        }
    }

    private IServiceResponse ActivateSession(ServerConnection connection, ActivateSessionRequest request)
    {
        var handle = request.RequestHeader.RequestHandle;
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
                if (!string.IsNullOrEmpty(token.EncryptionAlgorithm))
                {
                    return connection.Fault(handle, StatusCodes.BadIdentityTokenInvalid);
                }

                var password = token.Password is null ? string.Empty : System.Text.Encoding.UTF8.GetString(token.Password);
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

            session.Connection = connection;
            session.UserName = user;
            session.Activated = true;
            session.LastActivity = _time.GetUtcNow();
            return new ActivateSessionResponse
            {
                ResponseHeader = Header(request),
                ServerNonce = RandomNumberGenerator.GetBytes(32),
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
}
