using System.Collections.Immutable;

namespace Orchestrator.Routing.Feed;

/// <summary>
/// What a router process tells the daemon whose feed it reads: who it is, what it serves, what it refused, and the
/// connections it holds per app and deployment. Sent on connecting, after every table it installs or refuses, and
/// every <see cref="RouterFeed.ReportInterval"/> in between, so the daemon's view is never older than that.
/// <paramref name="Draining"/> is true once it stopped accepting (a hand-over to a newer router): a draining router's
/// connections still count for drains, but a switch no longer waits for it.
/// </summary>
public sealed record RouterReport(
    int Pid,
    DateTimeOffset StartedAt,
    ImmutableArray<string> Listen,
    ImmutableDictionary<string, long> Versions,
    ImmutableDictionary<string, TableRefusal> Refusals,
    bool Draining,
    ImmutableDictionary<string, ImmutableDictionary<string, ConnectionCounts>> Connections)
{
    public ImmutableArray<string> Listen { get; init; } = Listen.IsDefault ? [] : Listen;

    public ImmutableDictionary<string, long> Versions { get; init; } = Versions ?? ImmutableDictionary<string, long>.Empty;

    public ImmutableDictionary<string, TableRefusal> Refusals { get; init; } = Refusals ?? ImmutableDictionary<string, TableRefusal>.Empty;

    public ImmutableDictionary<string, ImmutableDictionary<string, ConnectionCounts>> Connections { get; init; } =
        Connections ?? ImmutableDictionary<string, ImmutableDictionary<string, ConnectionCounts>>.Empty;
}

/// <summary>A table version the router could not serve, and why (e.g. its listen address is taken).</summary>
public sealed record TableRefusal(long Version, string Reason);
