using System.Security.Cryptography;

namespace Factory.OpcUa.Security;

/// <summary>
/// The keys one side derives for one token (Part 6 §6.7.5): an HMAC-SHA256 signing key, an AES key and the IV,
/// taken in that order from P_SHA256(secret, seed). Each direction of a channel has its own instance, so the send
/// path and the receive thread never share an <see cref="Aes"/> object.
/// </summary>
internal sealed class ChannelKeys : IDisposable
{
    private readonly byte[] _signingKey;
    private readonly byte[] _iv;
    private readonly Aes _aes;

    public ChannelKeys(SecurityAlgorithms algorithms, ReadOnlySpan<byte> secret, ReadOnlySpan<byte> seed)
    {
        var material = new byte[algorithms.SigningKeyLength + algorithms.EncryptingKeyLength + algorithms.BlockSize];
        PSha256.Derive(secret, seed, material);
        _signingKey = material[..algorithms.SigningKeyLength];
        _iv = material[(algorithms.SigningKeyLength + algorithms.EncryptingKeyLength)..];
        _aes = Aes.Create();
        _aes.Key = material[algorithms.SigningKeyLength..(algorithms.SigningKeyLength + algorithms.EncryptingKeyLength)];
        CryptographicOperations.ZeroMemory(material);
    }

    /// <summary>Writes the HMAC-SHA256 of <paramref name="data"/> to <paramref name="signature"/>.</summary>
    public void Sign(ReadOnlySpan<byte> data, Span<byte> signature) => HMACSHA256.HashData(_signingKey, data, signature);

    /// <summary>True when <paramref name="signature"/> is the HMAC of <paramref name="data"/> (compared in constant time).</summary>
    public bool Verify(ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature)
    {
        Span<byte> expected = stackalloc byte[32];
        HMACSHA256.HashData(_signingKey, data, expected);
        return signature.Length == expected.Length && CryptographicOperations.FixedTimeEquals(expected, signature);
    }

    /// <summary>AES-CBC encrypts whole blocks in place (the derived IV starts every chunk, as Part 6 specifies).</summary>
    public void Encrypt(Span<byte> blocks) => _aes.EncryptCbc(blocks, _iv, blocks, PaddingMode.None);

    /// <summary>AES-CBC decrypts whole blocks in place.</summary>
    public void Decrypt(Span<byte> blocks) => _aes.DecryptCbc(blocks, _iv, blocks, PaddingMode.None);

    public void Dispose()
    {
        CryptographicOperations.ZeroMemory(_signingKey);
        _aes.Dispose();
    }
}
