using System.Net.Sockets;

namespace Orchestrator.Control.Client;

/// <summary>An <see cref="HttpClient"/> whose every connection goes to one unix domain socket.</summary>
internal static class UnixSocketHttp
{
    /// <summary>The host part of every request URI; the socket, not DNS, decides where it goes.</summary>
    public static readonly Uri BaseAddress = new("http://orch/");

    public static HttpClient Create(string socketPath)
    {
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (_, cancellationToken) =>
            {
                var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                try
                {
                    await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), cancellationToken).ConfigureAwait(false);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };

        // Deploys and followed logs stream for as long as they take; callers bound waits with their token.
        return new HttpClient(handler) { BaseAddress = BaseAddress, Timeout = Timeout.InfiniteTimeSpan };
    }
}
