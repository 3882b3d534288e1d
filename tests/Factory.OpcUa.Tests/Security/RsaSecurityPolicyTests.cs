using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Factory.OpcUa.Encoding;
using Factory.OpcUa.Security;
using Factory.OpcUa.SecureChannel;
using Factory.OpcUa.Services;
using Factory.OpcUa.Transport;

namespace Factory.OpcUa.Tests.Security;

/// <summary>
/// Our client end against our server end of a policy, for what a peer cannot show: a flipped bit, garbage and
/// truncated chunks are refused with a status code, never an index or crypto exception.
/// </summary>
public sealed class RsaSecurityPolicyTests
{
    private static readonly Lazy<X509Certificate2> s_client = new(() => ApplicationCertificate.CreateSelfSigned("client", "urn:test:client", ["localhost"]));
    private static readonly Lazy<X509Certificate2> s_server = new(() => ApplicationCertificate.CreateSelfSigned("server", "urn:test:server", ["localhost"]));

    public static TheoryData<string, MessageSecurityMode> PoliciesAndModes { get; } = new()
    {
        { "Basic256Sha256", MessageSecurityMode.SignAndEncrypt },
        { "Basic256Sha256", MessageSecurityMode.Sign },
        { "Aes128_Sha256_RsaOaep", MessageSecurityMode.SignAndEncrypt },
        { "Aes128_Sha256_RsaOaep", MessageSecurityMode.Sign },
        { "Aes256_Sha256_RsaPss", MessageSecurityMode.SignAndEncrypt },
        { "Aes256_Sha256_RsaPss", MessageSecurityMode.Sign },
    };

    [Theory]
    [MemberData(nameof(PoliciesAndModes))]
    public void A_symmetric_chunk_round_trips_and_a_flipped_bit_is_refused(string policy, MessageSecurityMode mode)
    {
        var (client, server) = Pair(policy, mode);
        var body = RandomNumberGenerator.GetBytes(3000);
        var chunk = Protect(client, body, 7);
        var copy = chunk.ToArray();
        var length = server.UnprotectSymmetricChunk(copy, MessageChunker.SymmetricHeaderSize);
        Assert.Equal(body, copy.AsSpan(MessageChunker.SymmetricHeaderSize, length).ToArray());

        for (var bit = 0; bit < 40; bit++)
        {
            var tampered = chunk.ToArray();
            var position = 16 + Random.Shared.Next(tampered.Length - 16);
            tampered[position] ^= (byte)(1 << Random.Shared.Next(8));
            var error = Assert.Throws<ServiceResultException>(() => server.UnprotectSymmetricChunk(tampered, MessageChunker.SymmetricHeaderSize));
            Assert.Equal(StatusCodes.BadSecurityChecksFailed, error.StatusCode.Code);
        }
    }

    [Theory]
    [MemberData(nameof(PoliciesAndModes))]
    public void Garbage_and_truncated_chunks_give_a_status_code(string policy, MessageSecurityMode mode)
    {
        var (client, server) = Pair(policy, mode);
        var chunk = Protect(client, RandomNumberGenerator.GetBytes(500), 7);
        for (var i = 0; i < 200; i++)
        {
            var garbage = RandomNumberGenerator.GetBytes(Random.Shared.Next(0, 600));
            if (garbage.Length >= 16)
            {
                BinaryPrimitives.WriteUInt32LittleEndian(garbage.AsSpan(12), 7);
            }

            Assert.Throws<ServiceResultException>(() => server.UnprotectSymmetricChunk(garbage, MessageChunker.SymmetricHeaderSize));
            var truncated = chunk.AsSpan(0, Random.Shared.Next(0, chunk.Length)).ToArray();
            Assert.Throws<ServiceResultException>(() => server.UnprotectSymmetricChunk(truncated, MessageChunker.SymmetricHeaderSize));
        }
    }

    [Theory]
    [MemberData(nameof(PoliciesAndModes))]
    public void OpenSecureChannel_round_trips_and_tampering_is_refused(string policy, MessageSecurityMode mode)
    {
        var (client, server) = Pair(policy, mode);
        var body = RandomNumberGenerator.GetBytes(150);
        var chunk = client.BuildAsymmetricChunk(0, 1, 1, body);
        var (headerEnd, certificate, thumbprint) = ParseAsymmetricHeader(chunk);
        var copy = chunk.ToArray();
        var length = server.UnprotectAsymmetricChunk(copy, headerEnd, certificate, thumbprint);
        Assert.Equal(body, copy.AsSpan(headerEnd + 8, length - 8).ToArray());

        var tampered = chunk.ToArray();
        tampered[headerEnd + Random.Shared.Next(tampered.Length - headerEnd)] ^= 0x10;
        var error = Assert.Throws<ServiceResultException>(() => server.UnprotectAsymmetricChunk(tampered, headerEnd, certificate, thumbprint));
        Assert.Equal(StatusCodes.BadSecurityChecksFailed, error.StatusCode.Code);

        Assert.Throws<ServiceResultException>(() => server.UnprotectAsymmetricChunk(chunk.ToArray(), headerEnd, s_server.Value.RawData, thumbprint));
        for (var i = 0; i < 20; i++)
        {
            var garbage = chunk.AsSpan(0, headerEnd).ToArray().Concat(RandomNumberGenerator.GetBytes(Random.Shared.Next(0, 3) * 256)).ToArray();
            Assert.Throws<ServiceResultException>(() => server.UnprotectAsymmetricChunk(garbage, headerEnd, certificate, thumbprint));
        }
    }

    private static (RsaSecurityPolicy Client, RsaSecurityPolicy Server) Pair(string policy, MessageSecurityMode mode)
    {
        var algorithms = SecurityAlgorithms.Find(policy)!;
        var client = new RsaSecurityPolicy(algorithms, mode, s_client.Value, s_server.Value.RawData, isClient: true);
        var server = new RsaSecurityPolicy(algorithms, mode, s_server.Value, s_client.Value.RawData, isClient: false);
        var clientNonce = client.CreateNonce();
        var serverNonce = server.CreateNonce();
        client.OnTokenIssued(7, clientNonce, serverNonce);
        server.OnTokenIssued(7, clientNonce, serverNonce);
        return (client, server);
    }

    private static byte[] Protect(ISecurityPolicy policy, byte[] body, uint tokenId)
    {
        var chunker = new MessageChunker(policy);
        var limits = new TransportLimits(65536, 65536, 0, 0);
        return chunker.BuildSymmetric(MessageType.Message, 1, tokenId, 1, body, limits).ToArray();
    }

    private static (int HeaderEnd, byte[]? Certificate, byte[]? Thumbprint) ParseAsymmetricHeader(byte[] chunk)
    {
        var reader = new UaReader(chunk.AsSpan(12), DecodingLimits.Default);
        reader.ReadString();
        var certificate = reader.ReadByteString();
        var thumbprint = reader.ReadByteString();
        return (12 + reader.Position, certificate, thumbprint);
    }
}
