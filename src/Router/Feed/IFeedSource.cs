using Orchestrator.Routing.Feed;

namespace Orchestrator.Router.Feed;

/// <summary>Where a router reads its daemon's feed: the state directory's unix socket, or a daemon's TCP feed.</summary>
internal interface IFeedSource
{
    /// <summary>What logs and the ready line call it: a socket path or <c>HOST:PORT</c>.</summary>
    string Address { get; }

    /// <summary>A connection past any handshake: the next line is the daemon's first table.</summary>
    /// <exception cref="FeedRefusedException">The daemon refused this router (a wrong token).</exception>
    Task<FeedConnection> ConnectAsync(CancellationToken cancellationToken);
}
