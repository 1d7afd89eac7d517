using System.Net;
using System.Net.Sockets;

namespace Orchestrator.Actors.Ports;

/// <summary>Tells whether a TCP port can be bound right now, on every interface and on loopback.</summary>
internal static class PortProbe
{
    public static bool CanBind(int port) => CanBind(IPAddress.Any, port) && CanBind(IPAddress.Loopback, port);

    private static bool CanBind(IPAddress address, int port)
    {
        var listener = new TcpListener(address, port);
        try
        {
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
        finally
        {
            listener.Stop();
            listener.Dispose();
        }
    }
}
