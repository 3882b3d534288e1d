using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Factory.OpcUa.Encoding;
using Factory.OpcUa.SecureChannel;
using Factory.OpcUa.Security;
using Factory.OpcUa.Services;

namespace Factory.OpcUa.Client;

/// <summary>
/// Encrypts a user name token's password with the server certificate as the user token policy's security policy
/// asks (Part 4 §7.41.2.3): length-prefixed password followed by the server nonce, RSA-encrypted block by block.
/// </summary>
internal static class UserTokenEncryption
{
    private const string RsaOaep = "http://www.w3.org/2001/04/xmlenc#rsa-oaep";
    private const string RsaOaepSha256 = "http://opcfoundation.org/UA/security/rsa-oaep-sha2-256";
    private const string Rsa15 = "http://www.w3.org/2001/04/xmlenc#rsa-1_5";

    public static UserNameIdentityToken Create(string policyId, string? securityPolicyUri, string userName, string password, byte[]? serverCertificate, byte[]? serverNonce)
    {
        var passwordBytes = System.Text.Encoding.UTF8.GetBytes(password);
        if (string.IsNullOrEmpty(securityPolicyUri) || securityPolicyUri == SecurityPolicyNone.Uri)
        {
            return new UserNameIdentityToken { PolicyId = policyId, UserName = userName, Password = passwordBytes };
        }

        if (serverCertificate is null || serverCertificate.Length == 0)
        {
            throw new ServiceResultException(new StatusCode(StatusCodes.BadCertificateInvalid), "The server sent no certificate to encrypt the password with.");
        }

        var (padding, algorithm) = securityPolicyUri switch
        {
            _ when securityPolicyUri.EndsWith("#Basic128Rsa15", StringComparison.Ordinal) => (RSAEncryptionPadding.Pkcs1, Rsa15),
            _ when securityPolicyUri.EndsWith("#Aes256_Sha256_RsaPss", StringComparison.Ordinal) => (RSAEncryptionPadding.OaepSHA256, RsaOaepSha256),
            _ => (RSAEncryptionPadding.OaepSHA1, RsaOaep),
        };
        using var certificate = X509CertificateLoader.LoadCertificate(CertificateChain.First(serverCertificate));
        using var rsa = certificate.GetRSAPublicKey()
            ?? throw new ServiceResultException(new StatusCode(StatusCodes.BadCertificateInvalid), "The server certificate has no RSA key.");
        var nonce = serverNonce ?? [];
        var plain = new byte[4 + passwordBytes.Length + nonce.Length];
        BinaryPrimitives.WriteInt32LittleEndian(plain, passwordBytes.Length + nonce.Length);
        passwordBytes.CopyTo(plain, 4);
        nonce.CopyTo(plain, 4 + passwordBytes.Length);
        var keyBytes = rsa.KeySize / 8;
        var blockSize = keyBytes - (padding == RSAEncryptionPadding.Pkcs1 ? 11 : padding == RSAEncryptionPadding.OaepSHA256 ? 66 : 42);
        using var output = new MemoryStream();
        for (var offset = 0; offset < plain.Length; offset += blockSize)
        {
            var block = plain.AsSpan(offset, Math.Min(blockSize, plain.Length - offset)).ToArray();
            output.Write(rsa.Encrypt(block, padding));
        }

        return new UserNameIdentityToken { PolicyId = policyId, UserName = userName, Password = output.ToArray(), EncryptionAlgorithm = algorithm };
    }
}
