namespace Orchestrator.Routing.Feed;

/// <summary>
/// The feed between a daemon and the router processes of its state directory: a unix socket the daemon listens on
/// (<c>router-feed.sock</c>, owner-only like the state directory), one JSON document per line. The daemon writes
/// <see cref="RouteTable"/>s, each router writes <see cref="RouterReport"/>s. A router connects, and connects again
/// whenever the daemon goes away, serving its last tables meanwhile. A daemon may serve the same feed over TCP too, to
/// routers on other hosts, behind its bearer token (<see cref="FeedHandshake"/>).
/// Once the daemon knows every app's current table it sends <see cref="SnapshotEnd"/> after them (at once to a router
/// that connects later): a router that starts takes that snapshot before it serves its saved tables, so that it never
/// accepts a connection with a table the cluster has moved past.
/// </summary>
public static class RouterFeed
{
    public const string SocketFileName = "router-feed.sock";

    /// <summary>How often a router reports even when nothing changed: a drain is idle only on a report newer than its start.</summary>
    public static readonly TimeSpan ReportInterval = TimeSpan.FromMilliseconds(200);

    /// <summary>A line longer than this is no message of the feed: the connection is closed.</summary>
    public const int MaxLineBytes = 4 * 1024 * 1024;

    /// <summary>The app of the <see cref="SnapshotEnd"/> marker: no app is named so (an app's name is an identifier).</summary>
    public const string SnapshotEndApp = "";

    /// <summary>"Every table I hold is sent": a table of no app whose version is the number of tables sent before it.</summary>
    public static RouteTable SnapshotEnd(int tables) => RouteTable.Empty(SnapshotEndApp) with { Version = tables };

    public static bool IsSnapshotEnd(RouteTable table) => table.App == SnapshotEndApp;

    public static string SocketPath(string stateDirectory) => Path.Combine(stateDirectory, SocketFileName);
}
