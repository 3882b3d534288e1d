using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Factory.OpcUa.Services;

namespace Factory.OpcUa.Server;

/// <summary>
/// Decrypts a UserNameIdentityToken password (Part 4 §7.41.2.3): RSA blocks that decrypt to a length-prefixed
/// password followed by the server's last session nonce, which must match (so a recorded token cannot be replayed).
/// </summary>
internal static class UserTokenDecryption
{
    /// <summary>The password, or null when the token does not decrypt, has the wrong nonce or an unknown algorithm.</summary>
    public static byte[]? Decrypt(UserNameIdentityToken token, X509Certificate2 certificate, byte[] serverNonce)
    {
        RSAEncryptionPadding? padding = token.EncryptionAlgorithm switch
        {
            "http://www.w3.org/2001/04/xmlenc#rsa-oaep" => RSAEncryptionPadding.OaepSHA1,
            "http://opcfoundation.org/UA/security/rsa-oaep-sha2-256" => RSAEncryptionPadding.OaepSHA256,
            _ => null,
        };
        using var key = certificate.GetRSAPrivateKey();
        var cipher = token.Password;
        if (padding is null || key is null || cipher is null || cipher.Length == 0 || cipher.Length % (key.KeySize / 8) != 0)
        {
            return null;
        }

        var block = key.KeySize / 8;
        using var plain = new MemoryStream();
        try
        {
            for (var offset = 0; offset < cipher.Length; offset += block)
            {
                plain.Write(key.Decrypt(cipher.AsSpan(offset, block).ToArray(), padding));
            }
        }
        catch (CryptographicException)
        {
            return null;
        }

        var bytes = plain.ToArray();
        if (bytes.Length < 4)
        {
            return null;
        }

        var length = BinaryPrimitives.ReadInt32LittleEndian(bytes);
        if (length < serverNonce.Length || length > bytes.Length - 4)
        {
            return null;
        }

        var nonce = bytes.AsSpan(4 + length - serverNonce.Length, serverNonce.Length);
        return CryptographicOperations.FixedTimeEquals(nonce, serverNonce) ? bytes.AsSpan(4, length - serverNonce.Length).ToArray() : null;
    }
}
