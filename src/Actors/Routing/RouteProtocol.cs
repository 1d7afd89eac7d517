using System.Collections.Immutable;
using Orchestrator.Actors.Messaging;
using Orchestrator.Routing;

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
/// A router replica's answer to <see cref="GetRouterStatus"/>: every router process that reads <paramref name="Node"/>'s
/// feed, as each reported itself last. <paramref name="RouterRuns"/> is false while the node knows its router to be
/// down (it died and is being started again, or the node is shutting down).
/// </summary>
public sealed record RouterReplicaStatus(string Node, ImmutableArray<RouterStatus> Routers, bool RouterRuns) : IClusterMessage
{
    public ImmutableArray<RouterStatus> Routers { get; init; } = Routers.IsDefault ? [] : Routers;
}
