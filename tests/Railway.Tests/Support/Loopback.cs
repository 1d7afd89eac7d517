using System.Net;
using System.Net.Sockets;

namespace Orchestrator.Railway.Tests.Support;

/// <summary>Ports on a private domain's loopback address.</summary>
internal static class Loopback
{
    /// <summary>A port free on <paramref name="host"/> right now, for an app to listen on.</summary>
    public static int FreePort(string host)
    {
        using var listener = new TcpListener(IPAddress.Parse(host), 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static async Task<bool> AcceptsAsync(string host, int port)
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(IPAddress.Parse(host), port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
