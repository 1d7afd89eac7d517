namespace Orchestrator.Routing.Feed;

/// <summary>
/// How a router joins a daemon's feed over TCP (<c>orch daemon --feed-listen</c>, <c>orch router --feed</c>): its
/// first line is a <see cref="FeedHello"/> carrying the daemon's bearer token, the daemon answers one
/// <see cref="FeedAnswer"/>, and once accepted the feed goes on exactly as on the unix socket. A refused router gets
/// the answer with the reason, then the daemon closes the connection; no table goes out before the token matched.
/// The unix socket has no handshake: its file mode already chose who may connect.
/// </summary>
public static class FeedHandshake
{
    /// <summary>A connection that sends no hello within this long is closed.</summary>
    public static readonly TimeSpan HelloTimeout = TimeSpan.FromSeconds(10);

    /// <summary>
    /// A router over TCP that reports nothing for this long is gone (its host died without closing the connection):
    /// the daemon drops it, so that switches stop waiting for its ack. It reports every <see cref="RouterFeed.ReportInterval"/>.
    /// </summary>
    public static readonly TimeSpan SilenceLimit = TimeSpan.FromSeconds(10);
}

/// <summary>A router's first line on a TCP feed: the daemon's bearer token (<c>ORCH_TOKEN</c>).</summary>
public sealed record FeedHello(string? Token)
{
    /// <summary>Never the token itself.</summary>
    public override string ToString() => "FeedHello";
}

/// <summary>The daemon's answer to a <see cref="FeedHello"/>: accepted, or refused with the reason and how to fix it.</summary>
public sealed record FeedAnswer(bool Accepted, string? Error)
{
    public static readonly FeedAnswer Welcome = new(true, null);
}
