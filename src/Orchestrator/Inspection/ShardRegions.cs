using System.Collections.Immutable;
using Akka.Actor;
using Akka.Cluster;
using Akka.Cluster.Sharding;
using Orchestrator.Control;
using Orchestrator.Control.Contracts;
using Orchestrator.Hosting;

namespace Orchestrator.Inspection;

/// <summary><c>orch cluster-sharding regions|region-stats</c>: the node's shard regions and how their shards spread over the cluster.</summary>
internal static class ShardRegions
{
    /// <summary>
    /// Every region this node started. NodeActorSystem starts each with the worker role: Akka hosts its shards on a node
    /// with that role and makes it a proxy elsewhere, so the role says which one this node runs.
    /// </summary>
    public static ShardRegionsResponse List(ActorSystem system)
    {
        var sharding = ClusterSharding.Get(system);
        var cluster = Cluster.Get(system);
        var hosted = cluster.SelfRoles.Contains(ClusterMembership.WorkerRole);
        var regions = TypeNames(system)
            .Select(name => new ShardRegionInfo(name, hosted, RegionOrProxy(sharding, name).Path.ToStringWithoutAddress()));
        return new ShardRegionsResponse(cluster.SelfAddress.ToString(), [.. regions]);
    }

    /// <summary>
    /// The types this node runs a region or a proxy of. Akka lists only hosted regions in ShardTypeNames; a proxy (on an
    /// edge router) is found by asking for it by name, which the node's own types give.
    /// </summary>
    private static ImmutableArray<string> TypeNames(ActorSystem system)
    {
        var sharding = ClusterSharding.Get(system);
        return [.. sharding.ShardTypeNames.Concat(NodeActorSystem.ShardTypes.Where(name => IsRunning(sharding, name))).Distinct().Order(StringComparer.Ordinal)];
    }

    private static bool IsRunning(ClusterSharding sharding, string typeName)
    {
        try
        {
            return sharding.ShardRegionProxy(typeName) is not null;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static IActorRef RegionOrProxy(ClusterSharding sharding, string typeName) =>
        sharding.ShardTypeNames.Contains(typeName) ? sharding.ShardRegion(typeName) : sharding.ShardRegionProxy(typeName);

    /// <summary>Asks the type's region for Akka's cluster-wide stats: one row per node that hosts the type's shards.</summary>
    /// <exception cref="ControlPlaneException">No region of that type runs here (404, naming the types).</exception>
    public static async Task<RegionStatsResponse> StatsAsync(ActorSystem system, string typeName, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var sharding = ClusterSharding.Get(system);
        var types = TypeNames(system);
        if (!types.Contains(typeName))
        {
            throw new ControlPlaneException(404, $"no shard region of type '{typeName}' on this node",
                "types: " + string.Join(", ", types));
        }

        // The region waits `timeout` for every node's answer (the ones that miss it are reported as failed shards), then
        // answers: twice that is long enough to hear from the region itself.
        var regionTimeout = timeout * 2;
        ClusterShardingStats stats;
        try
        {
            stats = await RegionOrProxy(sharding, typeName)
                .Ask<ClusterShardingStats>(new GetClusterShardingStats(timeout), regionTimeout, cancellationToken);
        }
        catch (AskTimeoutException)
        {
            throw new ControlPlaneException(504, $"the '{typeName}' region did not report its stats within {regionTimeout.TotalSeconds:0}s",
                "its shard coordinator may be moving (a node joined or left): try again shortly");
        }

        var nodes = stats.Regions
            .OrderBy(r => r.Key.ToString(), StringComparer.Ordinal)
            .Select(r => new RegionNodeStats(r.Key.ToString(), r.Value.Stats.Count, r.Value.Stats.Values.Sum()))
            .ToImmutableArray();
        var failed = stats.Regions.Values.SelectMany(r => r.Failed ?? ImmutableHashSet<string>.Empty).Order(StringComparer.Ordinal);
        return new RegionStatsResponse(typeName, nodes, nodes.Sum(n => n.Shards), nodes.Sum(n => n.Entities), [.. failed]);
    }
}
