using System.Buffers.Binary;
using System.Net.Sockets;
using Factory.OpcUa.Client;
using Factory.OpcUa.Encoding;
using Factory.OpcUa.Server;

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
