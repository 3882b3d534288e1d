using System.Buffers.Binary;
using System.Net.Sockets;
using Factory.OpcUa.Client;
using Factory.OpcUa.Encoding;
using Factory.OpcUa.Server;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Factory.Simulator.Tests;

/// <summary>Garbage from a client ends that connection with an Error message; the server keeps serving others.</summary>
public sealed class MalformedInputTests
{
    [Theory]
    [InlineData("garbage")]
    [InlineData("oversized")]
    [InlineData("message-before-open")]
    [InlineData("truncated-hello")]
    public async Task Bad_bytes_close_the_connection_and_the_server_lives_on(string kind)
    {
        await using var server = await OpcUaServer.StartAsync(new OpcUaServerOptions { Port = 0 });
        using (var tcp = new TcpClient())
        {
            await tcp.ConnectAsync("127.0.0.1", server.Port);
            var stream = tcp.GetStream();
            byte[] bytes = kind switch
            {
                "garbage" => [.. "GET / HTTP/1.1\r\nHost: x\r\n\r\n"u8],
                "oversized" => Header("HEL", 100_000_000),
                "message-before-open" => [.. Hello(), .. Header("MSG", 32), .. new byte[24]],
                _ => [.. Header("HEL", 40), 1, 2, 3],
            };
            await stream.WriteAsync(bytes);
            if (kind == "truncated-hello")
            {
                tcp.Client.Shutdown(SocketShutdown.Send);
            }

            var buffer = new byte[4096];
            var total = 0;
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            int read;
            while ((read = await stream.ReadAsync(buffer.AsMemory(total), timeout.Token)) > 0)
            {
                total += read;
            }

            // The connection ended; unless the peer vanished mid-frame, the last frame is ERR.
            if (kind != "truncated-hello")
            {
                Assert.True(total >= 8);
                var text = System.Text.Encoding.ASCII.GetString(buffer, 0, total);
                Assert.Contains("ERR", text, StringComparison.Ordinal);
            }
        }

        await using var client = await OpcUaClient.ConnectAsync(new OpcUaClientOptions { Endpoint = new Uri(server.EndpointUrl) });
        Assert.True((await client.ReadValueAsync(new NodeId(2259u))).StatusCode.IsGood);
    }

    /// <summary>Random bytes after a valid Hello (framed as a chunk or raw): the server answers or closes, and stays up.</summary>
    [Property(MaxTest = 40)]
    public Property Random_bytes_after_hello_never_take_the_server_down(byte[] noise, bool framed, byte kind)
    {
        var server = OpcUaServer.StartAsync(new OpcUaServerOptions { Port = 0 }).GetAwaiter().GetResult();
        try
        {
            using (var tcp = new TcpClient())
            {
                tcp.Connect("127.0.0.1", server.Port);
                var stream = tcp.GetStream();
                var body = noise ?? [];
                byte[] bytes = framed
                    ? [.. Hello(), .. Header((kind % 3) switch { 0 => "MSG", 1 => "OPN", _ => "CLO" }, body.Length + 8), .. body]
                    : [.. Hello(), .. body];
                stream.Write(bytes);
                tcp.Client.Shutdown(SocketShutdown.Send);
                var buffer = new byte[65536];
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                while (stream.ReadAsync(buffer, timeout.Token).AsTask().GetAwaiter().GetResult() > 0)
                {
                }
            }

            using var client = new TcpClient();
            client.Connect("127.0.0.1", server.Port);
            client.GetStream().Write(Hello());
            var ack = new byte[8];
            client.GetStream().ReadExactly(ack);
            return (System.Text.Encoding.ASCII.GetString(ack, 0, 3) == "ACK").ToProperty();
        }
        finally
        {
            server.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    /// <summary>
    /// A well-formed channel, then a service request whose body is random bytes behind a real request type id: the
    /// server answers with a ServiceFault or ends the connection, and keeps serving.
    /// </summary>
    [Property(MaxTest = 60)]
    public Property Random_request_bodies_on_an_open_channel_are_refused_cleanly(byte[] noise, byte type)
    {
        uint[] requestTypes = [631, 527, 533, 554, 673, 751, 763, 787, 793, 799, 826, 832, 841, 461, 467, 473, 428, 712];
        var server = OpcUaServer.StartAsync(new OpcUaServerOptions { Port = 0 }).GetAwaiter().GetResult();
        try
        {
            using (var tcp = new TcpClient())
            {
                tcp.Connect("127.0.0.1", server.Port);
                var stream = tcp.GetStream();
                stream.Write(Hello());
                ReadFrame(stream);
                stream.Write(Open());
                var opened = ReadFrame(stream);
                var reader = new UaReader(opened.AsSpan(8), null, EncodeableRegistry.Default);
                var channelId = reader.ReadUInt32();
                reader.ReadString();
                reader.ReadByteString();
                reader.ReadByteString();
                reader.ReadUInt32();
                reader.ReadUInt32();
                reader.ReadNodeId();
                var response = new Factory.OpcUa.Services.OpenSecureChannelResponse();
                response.Decode(ref reader);

                var writer = new UaWriter();
                writer.WriteBytes(Header("MSG", 0));
                writer.WriteUInt32(channelId);
                writer.WriteUInt32(response.SecurityToken.TokenId);
                writer.WriteUInt32(2);
                writer.WriteUInt32(2);
                writer.WriteNodeId(new NodeId(requestTypes[type % requestTypes.Length]));
                writer.WriteBytes(noise ?? []);
                var message = writer.ToArray();
                BinaryPrimitives.WriteInt32LittleEndian(message.AsSpan(4), message.Length);
                stream.Write(message);
                var answer = ReadFrame(stream);
                var kind = System.Text.Encoding.ASCII.GetString(answer, 0, 3);
                if (kind is not ("MSG" or "ERR") && answer.Length != 0)
                {
                    return false.Label($"unexpected answer {kind}");
                }
            }

            var client = OpcUaClient.ConnectAsync(new OpcUaClientOptions { Endpoint = new Uri(server.EndpointUrl) }).GetAwaiter().GetResult();
            try
            {
                return client.ReadValueAsync(new NodeId(2259u)).GetAwaiter().GetResult().StatusCode.IsGood.ToProperty();
            }
            finally
            {
                client.DisposeAsync().AsTask().GetAwaiter().GetResult();
            }
        }
        finally
        {
            server.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    private static byte[] ReadFrame(NetworkStream stream)
    {
        var header = new byte[8];
        try
        {
            stream.ReadExactly(header);
        }
        catch (EndOfStreamException)
        {
            return [];
        }

        var frame = new byte[BinaryPrimitives.ReadInt32LittleEndian(header.AsSpan(4))];
        header.CopyTo(frame, 0);
        stream.ReadExactly(frame.AsSpan(8));
        return frame;
    }

    private static byte[] Open()
    {
        var writer = new UaWriter();
        writer.WriteBytes(Header("OPN", 0));
        writer.WriteUInt32(0);
        writer.WriteString(Factory.OpcUa.SecureChannel.SecurityPolicyNone.Uri);
        writer.WriteByteString((byte[]?)null);
        writer.WriteByteString((byte[]?)null);
        writer.WriteUInt32(1);
        writer.WriteUInt32(1);
        var request = new Factory.OpcUa.Services.OpenSecureChannelRequest { RequestedLifetime = 60_000, ClientNonce = [], SecurityMode = Factory.OpcUa.Services.MessageSecurityMode.None };
        writer.WriteNodeId(request.BinaryEncodingId);
        request.Encode(writer);
        var bytes = writer.ToArray();
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(4), bytes.Length);
        return bytes;
    }

    private static byte[] Header(string type, int size)
    {
        var bytes = new byte[8];
        System.Text.Encoding.ASCII.GetBytes(type).CopyTo(bytes, 0);
        bytes[3] = (byte)'F';
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(4), size);
        return bytes;
    }

    private static byte[] Hello()
    {
        var writer = new UaWriter();
        writer.WriteBytes(Header("HEL", 0));
        new Factory.OpcUa.Transport.HelloMessage(0, new Factory.OpcUa.Transport.TransportLimits(), "opc.tcp://x").Encode(writer);
        var bytes = writer.ToArray();
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(4), bytes.Length);
        return bytes;
    }
}
