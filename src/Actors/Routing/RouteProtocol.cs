using System.Collections.Immutable;
using Orchestrator.Actors.Messaging;

namespace Orchestrator.Actors.Routing;

/// <summary>DistributedPubSub topics shared by route tables and router replicas.</summary>
public static class RouteTopics
{
    /// <summary>Route tables publish <see cref="RouteTablePublished"/> here.</summary>
    public const string Tables = "orch-route-tables";

    /// <summary>Replicas announce <see cref="ReplicaStarted"/> here; every table republishes.</summary>
    public const string Replicas = "orch-route-replicas";
}

/// <summary>A new version of an app's table, published to every replica.</summary>
public sealed record RouteTablePublished(RouteTable Table) : IClusterMessage;

/// <summary>A replica's answer to <see cref="RouteTablePublished"/>: the version now serves traffic.</summary>
public sealed record RouteTableApplied(string App, long Version, string ReplicaId) : IClusterMessage;

/// <summary>A replica's periodic report to an app's table of the connections it holds, per deployment.</summary>
public sealed record ConnectionCountsReport(
    string App,
    string ReplicaId,
    ImmutableDictionary<string, ConnectionCounts> ByDeployment) : IClusterMessage;

/// <summary>A router replica has started (or restarted) and wants every table again.</summary>
public sealed record ReplicaStarted(string ReplicaId) : IClusterMessage;

/// <summary>A replica could not serve the version (e.g. the listen address cannot be bound).</summary>
public sealed record RouteTableRejected(string App, long Version, string ReplicaId, string Reason) : IClusterMessage;

/// <summary>Asks a router replica what it serves; answered with <see cref="RouterStatus"/>.</summary>
public sealed record GetRouterStatus : IClusterMessage
{
    public static readonly GetRouterStatus Instance = new();
}

/// <summary>
/// One router process as it reports itself: its cluster node, pid and start, the listen addresses it serves, the table
/// version it serves per app, and why a table it could not serve was refused (e.g. its listen address is taken).
/// <paramref name="Draining"/> is true once it stopped accepting (a hand-over to a newer router).
/// </summary>
public sealed record RouterStatus(
    string Node,
    int Pid,
    DateTimeOffset StartedAt,
    ImmutableArray<string> Listen,
    ImmutableDictionary<string, long> Versions,
    ImmutableDictionary<string, string> Problems,
    bool Draining) : IClusterMessage
{
    public ImmutableArray<string> Listen { get; init; } = Listen.IsDefault ? [] : Listen;

    public ImmutableDictionary<string, long> Versions { get; init; } = Versions ?? ImmutableDictionary<string, long>.Empty;

    public ImmutableDictionary<string, string> Problems { get; init; } = Problems ?? ImmutableDictionary<string, string>.Empty;
}
