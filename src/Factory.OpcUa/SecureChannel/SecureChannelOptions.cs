using System.Security.Cryptography.X509Certificates;
using Factory.OpcUa.Encoding;
using Factory.OpcUa.Security;
using Factory.OpcUa.Services;
using Factory.OpcUa.Transport;

namespace Factory.OpcUa.SecureChannel;

/// <summary>Settings of a client secure channel.</summary>
public sealed record SecureChannelOptions
{
    /// <summary>Buffer sizes asked for in Hello; the server may revise them down.</summary>
    public TransportLimits TransportLimits { get; init; } = new();

    public DecodingLimits DecodingLimits { get; init; } = DecodingLimits.Default;

    public EncodeableRegistry Registry { get; init; } = EncodeableRegistry.Default;

    /// <summary>The SecurityPolicy URI (or short name such as "Basic256Sha256"); None unless set.</summary>
    public string SecurityPolicyUri { get; init; } = SecurityPolicyNone.Uri;

    /// <summary>None, Sign or SignAndEncrypt; must be None exactly when the policy is None.</summary>
    public MessageSecurityMode SecurityMode { get; init; } = MessageSecurityMode.None;

    /// <summary>The own application certificate with its private key; required by every policy but None.</summary>
    public X509Certificate2? ApplicationCertificate { get; init; }

    /// <summary>The server's certificate (DER, from its endpoint description); required by every policy but None.</summary>
    public byte[]? ServerCertificate { get; init; }

    /// <summary>The token lifetime asked for; the channel renews at 75 % of the revised lifetime.</summary>
    public TimeSpan RequestedLifetime { get; init; } = TimeSpan.FromHours(1);

    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Timeout of a request when the caller gives none.</summary>
    public TimeSpan DefaultRequestTimeout { get; init; } = TimeSpan.FromSeconds(10);

    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>True when the channel signs (and perhaps encrypts).</summary>
    public bool IsSecured => SecurityMode is MessageSecurityMode.Sign or MessageSecurityMode.SignAndEncrypt;

    /// <summary>The policy instance of one new channel (secured policies hold per-channel keys).</summary>
    internal ISecurityPolicy CreatePolicy()
    {
        if (SecurityPolicyUri == SecurityPolicyNone.Uri || string.Equals(SecurityPolicyUri, "None", StringComparison.OrdinalIgnoreCase))
        {
            if (IsSecured)
            {
                throw new ServiceResultException(new StatusCode(StatusCodes.BadSecurityModeRejected), $"Security mode {SecurityMode} needs a security policy other than None.");
            }

            return SecurityPolicyNone.Instance;
        }

        var algorithms = SecurityAlgorithms.Find(SecurityPolicyUri)
            ?? throw new ServiceResultException(new StatusCode(StatusCodes.BadSecurityPolicyRejected), $"Security policy '{SecurityPolicyUri}' is not supported; use one of None, {string.Join(", ", SecurityAlgorithms.All.Select(a => a.Name))}.");
        if (!IsSecured)
        {
            throw new ServiceResultException(new StatusCode(StatusCodes.BadSecurityModeRejected), $"Security policy {algorithms.Name} needs security mode Sign or SignAndEncrypt, not {SecurityMode}.");
        }

        var own = ApplicationCertificate
            ?? throw new ServiceResultException(new StatusCode(StatusCodes.BadCertificateInvalid), $"{algorithms.Name} needs an application certificate with a private key.");
        var server = ServerCertificate
            ?? throw new ServiceResultException(new StatusCode(StatusCodes.BadCertificateInvalid), $"{algorithms.Name} needs the server's certificate (from GetEndpoints).");
        return new RsaSecurityPolicy(algorithms, SecurityMode, own, server, isClient: true);
    }
}
