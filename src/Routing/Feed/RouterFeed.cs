namespace Orchestrator.Routing.Feed;

/// <summary>
/// The feed between a daemon and the router processes of its state directory: a unix socket the daemon listens on
/// (<c>router-feed.sock</c>, owner-only like the state directory), one JSON document per line. The daemon writes
/// <see cref="RouteTable"/>s, each router writes <see cref="RouterReport"/>s. A router connects, and connects again
/// whenever the daemon goes away, serving its last tables meanwhile. A daemon may serve the same feed over TCP too, to
/// routers on other hosts, behind its bearer token (<see cref="FeedHandshake"/>).
/// </summary>
public static class RouterFeed
{
    public const string SocketFileName = "router-feed.sock";

    /// <summary>How often a router reports even when nothing changed: a drain is idle only on a report newer than its start.</summary>
    public static readonly TimeSpan ReportInterval = TimeSpan.FromMilliseconds(200);

    /// <summary>A line longer than this is no message of the feed: the connection is closed.</summary>
    public const int MaxLineBytes = 4 * 1024 * 1024;

    public static string SocketPath(string stateDirectory) => Path.Combine(stateDirectory, SocketFileName);
}
