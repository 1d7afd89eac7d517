using Orchestrator.Control.Contracts;

namespace Orchestrator.Control;

/// <summary>The operator console's inspection verbs (pbm's <c>cluster-sharding</c>, <c>actor hierarchy</c>, <c>log</c>).</summary>
public partial interface IControlPlane
{
    /// <summary>The shard regions of this node's actor system, hosted here or proxies.</summary>
    Task<ShardRegionsResponse> ShardRegionsAsync(CancellationToken cancellationToken);

    /// <summary>Shards and entities per node of one entity type.</summary>
    Task<RegionStatsResponse> RegionStatsAsync(RegionStatsRequest request, CancellationToken cancellationToken);

    /// <summary>This node's live actor tree under a path.</summary>
    Task<ActorHierarchyResponse> ActorHierarchyAsync(ActorHierarchyRequest request, CancellationToken cancellationToken);

    /// <summary>This node's recent Akka log lines, then (following) new ones until cancelled.</summary>
    IAsyncEnumerable<NodeLogLine> NodeLogAsync(NodeLogRequest request, CancellationToken cancellationToken);
}
