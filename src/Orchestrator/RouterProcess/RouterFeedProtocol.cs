using Orchestrator.Routing.Feed;

namespace Orchestrator.RouterProcess;

/// <summary>A router process connected to this daemon's feed.</summary>
internal sealed record RouterConnected(RouterFeedPeer Peer);

/// <summary>A router's latest report.</summary>
internal sealed record RouterReported(RouterFeedPeer Peer, RouterReport Report);

/// <summary>A router's feed connection ended (it exited, or sent something that is no report).</summary>
internal sealed record RouterDisconnected(RouterFeedPeer Peer);

/// <summary>
/// The daemon's supervision of its router process: whether one runs. While one runs but has not connected yet (a
/// daemon that just started), the feed waits for it instead of answering for it.
/// </summary>
internal sealed record LocalRouterRuns(bool Runs);
