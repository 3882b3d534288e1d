using Factory.OpcUa.Encoding;
using Factory.OpcUa.Security;
using Factory.OpcUa.SecureChannel;
using Factory.OpcUa.Services;

namespace Factory.OpcUa.Client;

/// <summary>The security half of connecting: picking the server's endpoint and checking what the server proves.</summary>
public sealed partial class OpcUaClient
{
    /// <summary>
    /// For a secured policy, asks the server (over a None channel, as discovery is) for its endpoints, picks the one
    /// with the configured policy and mode and takes its certificate; says exactly what the server offers instead
    /// when it has no such endpoint.
    /// </summary>
    private async Task<SecureChannelOptions> ResolveSecurityAsync(CancellationToken cancellationToken)
    {
        var channel = _channelOptions;
        var algorithms = SecurityAlgorithms.Find(channel.SecurityPolicyUri);
        if (algorithms is null || !channel.IsSecured)
        {
            // None, or a combination CreatePolicy refuses with the reason (unknown policy, policy without mode).
            _ = channel.CreatePolicy();
            return channel;
        }

        if (channel.ApplicationCertificate?.HasPrivateKey != true)
        {
            throw new ServiceResultException(new StatusCode(StatusCodes.BadCertificateInvalid), $"{algorithms.Name} needs an application certificate with a private key.");
        }
        var discovery = channel with { SecurityPolicyUri = SecurityPolicyNone.Uri, SecurityMode = MessageSecurityMode.None, ServerCertificate = null };
        var endpoints = await GetEndpointsAsync(_options.Endpoint, discovery, cancellationToken).ConfigureAwait(false);
        var match = endpoints.FirstOrDefault(e => e.SecurityPolicyUri == algorithms.Uri && e.SecurityMode == channel.SecurityMode);
        if (match is null)
        {
            var offered = string.Join(", ", endpoints.Select(e => $"{e.SecurityPolicyUri?[(e.SecurityPolicyUri.IndexOf('#', StringComparison.Ordinal) + 1)..]}/{e.SecurityMode}").Distinct());
            throw new ServiceResultException(
                new StatusCode(StatusCodes.BadSecurityPolicyRejected),
                $"The server at {_options.Endpoint} does not offer {algorithms.Name} with {channel.SecurityMode}; it offers {offered}.");
        }

        if (match.ServerCertificate is not { Length: > 0 } certificate)
        {
            throw new ServiceResultException(new StatusCode(StatusCodes.BadCertificateInvalid), $"The server's {algorithms.Name} endpoint has no certificate.");
        }

        // The certificate must be the one of the application that describes itself in the endpoint (Part 4 §5.4.1).
        using (var leaf = CertificateChain.Load(certificate, "server"))
        {
            var uris = ApplicationCertificate.ApplicationUris(leaf);
            if (match.Server?.ApplicationUri is { Length: > 0 } applicationUri && !uris.Contains(applicationUri))
            {
                throw new ServiceResultException(
                    new StatusCode(StatusCodes.BadCertificateUriInvalid),
                    $"The server calls itself {applicationUri}, but its certificate ('{leaf.Subject}', thumbprint {leaf.Thumbprint}) names {(uris.Count == 0 ? "no ApplicationUri" : string.Join(", ", uris))}.");
            }
        }

        // Encryption to a server nobody vouched for protects nothing, so a secured connection needs a trust decision.
        var validate = _options.ServerCertificateValidator
            ?? throw new ServiceResultException(new StatusCode(StatusCodes.BadCertificateUntrusted), $"No trust list is configured to judge the certificate of {_options.Endpoint} (set ServerCertificateValidator, e.g. to a CertificateStore).");
        validate(certificate, _options.Endpoint);
        return channel with { ServerCertificate = certificate };
    }

    /// <summary>
    /// Checks a secured CreateSession response: the same certificate as the channel's, a nonce long enough, and a
    /// signature over our certificate and nonce made with the server's private key.
    /// </summary>
    private void CheckServerSession(CreateSessionRequest request, CreateSessionResponse response)
    {
        var algorithms = SecurityAlgorithms.Find(_securedOptions.SecurityPolicyUri)!;
        var expected = CertificateChain.First(_securedOptions.ServerCertificate!);
        if (response.ServerCertificate is null || !CertificateChain.First(response.ServerCertificate).AsSpan().SequenceEqual(expected))
        {
            throw new ServiceResultException(new StatusCode(StatusCodes.BadCertificateInvalid), "CreateSession returned a different server certificate than the secure channel's.");
        }

        if (response.ServerNonce is null || response.ServerNonce.Length < 32)
        {
            throw new ServiceResultException(new StatusCode(StatusCodes.BadNonceInvalid), $"The server's session nonce has {response.ServerNonce?.Length ?? 0} bytes; at least 32 are required.");
        }

        if (!SessionSignature.Verify(response.ServerCertificate, algorithms, request.ClientCertificate, request.ClientNonce, response.ServerSignature))
        {
            throw new ServiceResultException(new StatusCode(StatusCodes.BadApplicationSignatureInvalid), "The server's CreateSession signature does not verify with its certificate.");
        }

        // Downgrade protection: the endpoints inside the session must still offer what discovery offered.
        if (response.ServerEndpoints.Length > 0 && !response.ServerEndpoints.Any(e => e.SecurityPolicyUri == algorithms.Uri && e.SecurityMode == _securedOptions.SecurityMode))
        {
            throw new ServiceResultException(new StatusCode(StatusCodes.BadSecurityChecksFailed), "The server's session endpoints differ from its discovery endpoints.");
        }
    }
}
