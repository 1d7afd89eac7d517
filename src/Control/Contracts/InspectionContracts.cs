using System.Collections.Immutable;

namespace Orchestrator.Control.Contracts;

/// <summary>GET /v1/sharding/regions: the shard regions of the answering node's actor system.</summary>
/// <param name="Node">The answering node's address.</param>
public sealed record ShardRegionsResponse(string Node, ImmutableArray<ShardRegionInfo> Regions);

/// <param name="TypeName">The entity type, e.g. <c>apps</c>: what <c>region-stats -r</c> takes.</param>
/// <param name="Hosted">True when this node hosts the type's shards; false when its region only proxies to the nodes that do.</param>
/// <param name="Path">The region actor's path, e.g. <c>/system/sharding/apps</c>.</param>
public sealed record ShardRegionInfo(string TypeName, bool Hosted, string Path);

/// <summary>GET /v1/sharding/region-stats?type=: shards and entities per node, as Akka's <c>GetClusterShardingStats</c> counts them.</summary>
public sealed record RegionStatsRequest(string TypeName);

/// <param name="Failed">Shards a node did not report within the timeout: their entities are missing from the counts.</param>
public sealed record RegionStatsResponse(string TypeName, ImmutableArray<RegionNodeStats> Nodes, int Shards, int Entities, ImmutableArray<string> Failed);

/// <summary>One node's region of a type: how many of its shards it hosts and how many entities they hold.</summary>
public sealed record RegionNodeStats(string Address, int Shards, int Entities);

/// <summary>GET /v1/actors/hierarchy?path=&amp;depth=: the live actor tree of the answering node under a path.</summary>
/// <param name="Depth">How many levels below <paramref name="Path"/>; null for every level.</param>
public sealed record ActorHierarchyRequest(string Path, int? Depth)
{
    /// <summary>Where the walk starts when no path is given: the user guardian, as in pbm.</summary>
    public const string DefaultPath = "/user";
}

/// <param name="Actors">Depth-first, each parent before its children, siblings by name.</param>
/// <param name="Truncated">The tree had more actors than the answer holds, or some did not answer in time.</param>
public sealed record ActorHierarchyResponse(string Node, string Path, int? Depth, ImmutableArray<ActorEntry> Actors, bool Truncated);

/// <param name="Level">0 for the requested path, 1 for its children, and so on.</param>
public sealed record ActorEntry(string Path, int Level);

/// <summary>The levels of the node's own Akka log, least severe first.</summary>
public enum NodeLogLevel
{
    Debug,
    Info,
    Warning,
    Error,
}

/// <summary>GET /v1/node-log?level=&amp;follow=: the node's recent Akka log lines at or above a level, then (following) new ones.</summary>
public sealed record NodeLogRequest(NodeLogLevel Level, bool Follow)
{
    /// <summary>The level shown when none is given.</summary>
    public const NodeLogLevel DefaultLevel = NodeLogLevel.Info;
}

/// <summary>One line of the node's own Akka log, NDJSON in the node-log stream.</summary>
/// <param name="Source">Who logged it: an actor's path or a class name, as Akka's <c>LogSource</c> says.</param>
/// <param name="Thread">The managed thread id it was logged on.</param>
public sealed record NodeLogLine(DateTimeOffset Timestamp, NodeLogLevel Level, string Source, string Message, int Thread);
