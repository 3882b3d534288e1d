using System.Net;
using System.Net.Sockets;

namespace Factory.Browser.Tests;

/// <summary>Unused loopback ports, so the host and its silo never collide with other processes.</summary>
internal static class FreePort
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
