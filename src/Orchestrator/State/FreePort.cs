using System.Net;
using System.Net.Sockets;

namespace Orchestrator.State;

/// <summary>Whether a TCP port can be bound right now: a node reuses its last cluster port only when nothing took it meanwhile.</summary>
internal static class FreePort
{
    public static bool IsFree(string host, int port)
    {
        if (!IPAddress.TryParse(host.Trim('[', ']'), out var address))
        {
            address = IPAddress.Loopback;
        }

        try
        {
            using var listener = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            listener.Bind(new IPEndPoint(address, port));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
