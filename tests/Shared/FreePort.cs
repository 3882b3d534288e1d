using System.Net;
using System.Net.Sockets;

namespace Factory.Testing;

/// <summary>Finds unused loopback ports, so parallel hosts and silos never collide.</summary>
internal static class FreePort
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
