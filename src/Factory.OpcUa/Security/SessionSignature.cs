using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Factory.OpcUa.Services;

namespace Factory.OpcUa.Security;

/// <summary>
/// The application signatures of CreateSession and ActivateSession (Part 4 §5.7.2, §5.7.3): the peer's certificate
/// followed by the nonce it just sent, signed with the own private key. They prove possession of the key behind
/// the certificate within this session, so a recorded channel cannot be replayed.
/// </summary>
public static class SessionSignature
{
    /// <summary>Signs <paramref name="certificate"/> + <paramref name="nonce"/> with <paramref name="own"/>'s private key.</summary>
    public static SignatureData Create(X509Certificate2 own, SecurityAlgorithms algorithms, byte[]? certificate, byte[]? nonce)
    {
        ArgumentNullException.ThrowIfNull(own);
        ArgumentNullException.ThrowIfNull(algorithms);
        using var key = own.GetRSAPrivateKey() ?? throw new InvalidOperationException("The application certificate has no RSA private key.");
        return new SignatureData
        {
            Algorithm = algorithms.AsymmetricSignatureUri,
            Signature = key.SignData(Concat(certificate, nonce), HashAlgorithmName.SHA256, algorithms.AsymmetricSignature),
        };
    }

    /// <summary>True when <paramref name="signature"/> is <paramref name="signer"/>'s signature of certificate + nonce.</summary>
    public static bool Verify(byte[]? signer, SecurityAlgorithms algorithms, byte[]? certificate, byte[]? nonce, SignatureData? signature)
    {
        ArgumentNullException.ThrowIfNull(algorithms);
        if (signer is null || signature?.Signature is not { Length: > 0 } bytes || signature.Algorithm != algorithms.AsymmetricSignatureUri)
        {
            return false;
        }

        try
        {
            using var leaf = X509CertificateLoader.LoadCertificate(CertificateChain.First(signer));
            using var key = leaf.GetRSAPublicKey();
            return key is not null && key.VerifyData(Concat(certificate, nonce), bytes, HashAlgorithmName.SHA256, algorithms.AsymmetricSignature);
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    private static byte[] Concat(byte[]? certificate, byte[]? nonce)
    {
        var data = new byte[(certificate?.Length ?? 0) + (nonce?.Length ?? 0)];
        certificate?.CopyTo(data, 0);
        nonce?.CopyTo(data, certificate?.Length ?? 0);
        return data;
    }
}
