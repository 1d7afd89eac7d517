using System.Net.Sockets;
using Orchestrator.Routing.Feed;

namespace Orchestrator.Router.Feed;

/// <summary>The feed of the router's own state directory: <c>router-feed.sock</c>, guarded by its file mode, no handshake.</summary>
internal sealed class UnixFeedSource(string socketPath) : IFeedSource
{
    public string Address => socketPath;

    public async Task<FeedConnection> ConnectAsync(CancellationToken cancellationToken)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), cancellationToken);
            return new FeedConnection(new NetworkStream(socket, ownsSocket: true));
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
