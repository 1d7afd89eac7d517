using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Connections;

namespace Orchestrator.Router.Listeners;

/// <summary>
/// Every router listener binds with SO_REUSEPORT, so that a new router process can bind the same address while the
/// old one still serves it (<c>orch router restart</c>), and no connection is refused in between. Outside a hand-over
/// the router first proves that nobody else listens there: a plain bind fails next to any listener, with or without
/// SO_REUSEPORT, so two routers never share an address by accident.
/// </summary>
internal static class SharedListenSocket
{
    private const int SolSocket = 1;
    private const int SoReusePort = 15;

    public static Socket Bind(EndPoint endpoint, bool takingOver)
    {
        if (!takingOver)
        {
            using var probe = Create(endpoint, reusePort: false);
            probe.Bind(endpoint);
        }

        var socket = Create(endpoint, reusePort: true);
        try
        {
            socket.Bind(endpoint);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>True when the bind failed because something already listens on the address.</summary>
    public static bool IsAddressInUse(Exception error) =>
        error is AddressInUseException
        || error is SocketException { SocketErrorCode: SocketError.AddressAlreadyInUse }
        || (error.InnerException is { } inner && IsAddressInUse(inner));

    private static Socket Create(EndPoint endpoint, bool reusePort)
    {
        var ip = (IPEndPoint)endpoint;
        var socket = new Socket(ip.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            if (ip.Address.Equals(IPAddress.IPv6Any))
            {
                socket.DualMode = true;
            }

            // Kestrel's own default on Linux: a restarted listener may bind while old connections sit in TIME_WAIT.
            socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            if (reusePort)
            {
                socket.SetRawSocketOption(SolSocket, SoReusePort, BitConverter.GetBytes(1));
            }

            socket.NoDelay = true;
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
