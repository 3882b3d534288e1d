using System.Security.Cryptography;

namespace Factory.OpcUa.Security;

/// <summary>The P_SHA256 pseudo-random function of TLS (RFC 5246 §5), which OPC UA uses to derive channel keys.</summary>
public static class PSha256
{
    /// <summary>Fills <paramref name="output"/> with P_SHA256(secret, seed).</summary>
    public static void Derive(ReadOnlySpan<byte> secret, ReadOnlySpan<byte> seed, Span<byte> output)
    {
        const int hashLength = 32;
        Span<byte> a = stackalloc byte[hashLength];
        Span<byte> block = stackalloc byte[hashLength];
        var input = new byte[hashLength + seed.Length];
        seed.CopyTo(input.AsSpan(hashLength));

        // A(1) = HMAC(secret, seed); A(i) = HMAC(secret, A(i-1)); output = HMAC(secret, A(i) + seed) ...
        HMACSHA256.HashData(secret, seed, a);
        for (var offset = 0; offset < output.Length; offset += hashLength)
        {
            a.CopyTo(input);
            HMACSHA256.HashData(secret, input, block);
            block[..Math.Min(hashLength, output.Length - offset)].CopyTo(output[offset..]);
            HMACSHA256.HashData(secret, a, a);
        }
    }
}
