using System.Net.Sockets;

namespace Orchestrator.Integration.Tests.Harness;

/// <summary>An HttpClient that talks to the control API's unix socket, for requests the CLI never sends.</summary>
internal static class UnixSocketHttp
{
    public static HttpClient Create(string socketPath) =>
        new(new SocketsHttpHandler
        {
            ConnectCallback = async (_, cancellationToken) =>
            {
                var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                try
                {
                    await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        })
        {
            BaseAddress = new Uri("http://orch"),
            Timeout = TimeSpan.FromSeconds(30),
        };
}
