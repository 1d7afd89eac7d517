using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Orchestrator.Actors.Ports;

/// <summary>
/// Tells whether a TCP port is free right now: it can be bound on every interface and on loopback, and no connection
/// is still established on it. A stopping process closes its listener first and its keep-alive connections last; a
/// new process on that port would then have its requests answered by the old one through a router's pooled connection.
/// </summary>
internal static class PortProbe
{
    private const string Established = "01";

    private static readonly string[] ConnectionTables = ["/proc/net/tcp", "/proc/net/tcp6"];

    public static bool CanBind(int port) =>
        CanBind(IPAddress.Any, port) && CanBind(IPAddress.Loopback, port) && !HasEstablishedConnections(port);

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

    /// <summary>Rows of <c>/proc/net/tcp</c>: <c>sl local_address rem_address st ...</c>, the local address as <c>HEXIP:HEXPORT</c>.</summary>
    private static bool HasEstablishedConnections(int port)
    {
        var suffix = ":" + port.ToString("X4", CultureInfo.InvariantCulture);
        foreach (var table in ConnectionTables.Where(File.Exists))
        {
            foreach (var line in File.ReadLines(table).Skip(1))
            {
                var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (fields.Length > 3 && fields[1].EndsWith(suffix, StringComparison.Ordinal) && fields[3] == Established)
                {
                    return true;
                }
            }
        }

        return false;
    }
}
