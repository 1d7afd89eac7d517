using System.Net.Security;
using System.Net.Sockets;

namespace Orchestrator.Control.Client.Http;

/// <summary>Opens the byte stream a request travels on: the unix socket, a TCP connection, or TLS over one.</summary>
internal static class ControlTransport
{
    /// <summary>The socket (whose disposal ends a blocking read) and the stream to read and write.</summary>
    public static (Socket Socket, Stream Stream) Connect(ControlEndpoint endpoint)
    {
        switch (endpoint)
        {
            case ControlEndpoint.UnixSocket unix:
                return ConnectUnix(unix.Path);
            case ControlEndpoint.Remote remote:
                return ConnectTcp(remote);
            default:
                throw new ArgumentOutOfRangeException(nameof(endpoint), endpoint, "unknown control endpoint");
        }
    }

    private static (Socket, Stream) ConnectUnix(string socketPath)
    {
        if (!File.Exists(socketPath))
        {
            throw new DaemonNotRunningException(socketPath);
        }

        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            socket.Connect(new UnixDomainSocketEndPoint(socketPath));
            return (socket, new NetworkStream(socket, ownsSocket: false));
        }
        catch (SocketException ex) when (ex.SocketErrorCode == SocketError.AccessDenied)
        {
            socket.Dispose();
            throw new UnauthorizedAccessException(
                $"permission denied on the control socket {socketPath}; run as the daemon's user or start it with a wider --socket-mode", ex);
        }
        catch (SocketException ex)
        {
            socket.Dispose();
            throw new DaemonNotRunningException(socketPath, ex);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private static (Socket, Stream) ConnectTcp(ControlEndpoint.Remote remote)
    {
        if (remote.Token is null)
        {
            throw new UnauthorizedAccessException(
                $"{ControlEndpoint.TokenEnvironmentVariable} is not set: the daemon at {remote} answers only requests that carry its token; " +
                $"set {ControlEndpoint.TokenEnvironmentVariable} to the token it was started with");
        }

        var host = remote.Address.IdnHost;
        var port = remote.Address.Port;
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            socket.Connect(host, port);
        }
        catch (SocketException ex)
        {
            socket.Dispose();
            throw DaemonNotRunningException.Unreachable(remote.ToString(), ex);
        }

        Stream stream = new NetworkStream(socket, ownsSocket: false);
        if (!remote.UsesTls)
        {
            return (socket, stream);
        }

        var tls = new SslStream(stream, leaveInnerStreamOpen: false);
        try
        {
            tls.AuthenticateAsClient(host);
            return (socket, tls);
        }
        catch (Exception ex) when (ex is System.Security.Authentication.AuthenticationException or IOException)
        {
            tls.Dispose();
            socket.Dispose();
            throw new ControlConnectionException($"TLS with {remote} failed: {ex.Message}", ex);
        }
    }
}
