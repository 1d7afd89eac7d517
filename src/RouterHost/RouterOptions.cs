using System.Net;
using Orchestrator.Router.Feed;

namespace Orchestrator.RouterHost;

/// <summary>How <c>orch router</c> runs the data plane of a state directory.</summary>
internal sealed record RouterOptions
{
    public const string LockFileName = "router.lock";

    public required string StateDirectory { get; init; }

    /// <summary>When set, every listener binds this address with the port of its table's listen address.</summary>
    public IPAddress? ListenHost { get; init; }

    /// <summary>When set, every listener binds this port instead of its table's (<c>--listen-port</c>, e.g. Railway's <c>$PORT</c>).</summary>
    public int? ListenPort { get; init; }

    /// <summary>The pid of the router this one takes over from (<c>orch router restart</c>): it binds next to it and waits for its lock.</summary>
    public int? TakeOverFrom { get; init; }

    /// <summary>On SIGTERM, how long open connections may run before the router aborts them and exits.</summary>
    public TimeSpan DrainTimeout { get; init; } = Router.RouterDefaults.HandOverDrainTimeout;

    /// <summary>
    /// A daemon's TCP feed (<c>--feed</c>) read instead of the state directory's socket: the router of another host,
    /// which is no daemon's local router. Null: the state directory's own feed.
    /// </summary>
    public IFeedSource? RemoteFeed { get; init; }

    /// <summary>Print the ready line as one JSON object.</summary>
    public bool Json { get; init; }

    public string LockPath => Path.Combine(StateDirectory, LockFileName);

    public string RecordPath => Path.Combine(StateDirectory, State.NodeRecord.RouterFileName);

    /// <summary>The feed it reads: <see cref="RemoteFeed"/>, else the state directory's socket.</summary>
    public IFeedSource Feed => RemoteFeed ?? new UnixFeedSource(Routing.Feed.RouterFeed.SocketPath(StateDirectory));
}
