using System.Security.Cryptography;
using Factory.OpcUa.Encoding;
using Factory.OpcUa.SecureChannel;
using Factory.OpcUa.Services;

namespace Factory.Host.Tests;

/// <summary>
/// An anonymous OPC UA client that takes what it can: as many None channels as the server lets it open, each with as
/// many sessions as it gets. It remembers why it was refused.
/// </summary>
public sealed class HostileOpcUaClient : IAsyncDisposable
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(30);
    private readonly List<(ClientSecureChannel Channel, List<NodeId> Tokens)> _held = [];

    /// <summary>The status codes of every refusal (connections and sessions).</summary>
    public List<uint> Refusals { get; } = [];

    /// <summary>Channels held with at least one live session.</summary>
    public int Connections => _held.Count(h => h.Tokens.Count > 0 && h.Channel.State == SecureChannelState.Open);

    public int Sessions => _held.Sum(h => h.Tokens.Count);

    /// <summary>Tries <paramref name="connections"/> connections with up to <paramref name="sessionsEach"/> activated sessions each.</summary>
    public async Task FloodAsync(Uri endpoint, int connections, int sessionsEach)
    {
        for (var i = 0; i < connections; i++)
        {
            ClientSecureChannel channel;
            try
            {
                channel = await ClientSecureChannel.OpenAsync(endpoint, null, CancellationToken.None);
            }
            catch (ServiceResultException refused)
            {
                Refusals.Add(refused.StatusCode.Code);
                continue;
            }

            var tokens = new List<NodeId>();
            _held.Add((channel, tokens));
            for (var j = 0; j < sessionsEach; j++)
            {
                try
                {
                    tokens.Add(await CreateAndActivateAsync(channel, endpoint));
                }
                catch (ServiceResultException refused)
                {
                    Refusals.Add(refused.StatusCode.Code);
                    break;
                }
            }
        }
    }

    /// <summary>Writes a value with the first held session; the per-node result.</summary>
    public async Task<StatusCode> WriteAsync(NodeId node, Variant value)
    {
        var (channel, tokens) = _held.First(h => h.Tokens.Count > 0 && h.Channel.State == SecureChannelState.Open);
        var response = await channel.SendRequestAsync<WriteResponse>(new WriteRequest
        {
            RequestHeader = channel.NewHeader(s_timeout, tokens[0]),
            NodesToWrite = [new WriteValue { NodeId = node, AttributeId = Attributes.Value, Value = new DataValue(value) }],
        }, s_timeout, CancellationToken.None);
        return response.Results[0];
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var (channel, _) in _held)
        {
            await channel.DisposeAsync();
        }

        _held.Clear();
    }

    private static async Task<NodeId> CreateAndActivateAsync(ClientSecureChannel channel, Uri endpoint)
    {
        var session = await channel.SendRequestAsync<CreateSessionResponse>(new CreateSessionRequest
        {
            RequestHeader = channel.NewHeader(s_timeout),
            ClientDescription = new ApplicationDescription { ApplicationUri = "urn:hostile", ApplicationType = ApplicationType.Client },
            EndpointUrl = endpoint.ToString(),
            SessionName = "hostile",
            ClientNonce = RandomNumberGenerator.GetBytes(32),
            // The shortest the server grants, so what it leaves behind is gone soon after the test.
            RequestedSessionTimeout = 1,
        }, s_timeout, CancellationToken.None);
        await channel.SendRequestAsync<ActivateSessionResponse>(new ActivateSessionRequest
        {
            RequestHeader = channel.NewHeader(s_timeout, session.AuthenticationToken),
            ClientSignature = new SignatureData(),
            UserIdentityToken = new ExtensionObject(new AnonymousIdentityToken { PolicyId = "anonymous" }),
            UserTokenSignature = new SignatureData(),
        }, s_timeout, CancellationToken.None);
        return session.AuthenticationToken;
    }
}
