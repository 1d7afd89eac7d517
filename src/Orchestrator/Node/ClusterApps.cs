using System.Collections.Immutable;
using Akka.Actor;
using Akka.Cluster;
using Akka.Cluster.Sharding;
using Orchestrator.Hosting;

namespace Orchestrator.Node;

/// <summary>Which apps each worker node of the cluster hosts, asked of every reachable worker's <c>apps</c> shard region.</summary>
internal static class ClusterApps
{
    private const string AppsRegionName = "apps";

    /// <summary>Per worker node that answered in time: the app entities it runs. A node that does not answer is left out.</summary>
    public static async Task<ImmutableDictionary<Address, ImmutableArray<string>>> ByNodeAsync(
        NodeActors node, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var cluster = Cluster.Get(node.System);
        var state = cluster.State;
        var workers = state.Members
            .Where(m => m.Status == MemberStatus.Up && m.HasRole(ClusterMembership.WorkerRole) && !state.Unreachable.Contains(m))
            .Select(m => m.Address)
            .ToList();
        var answers = await Task.WhenAll(workers.Select(address => AppsOfAsync(node, address, timeout, cancellationToken)));
        return answers.OfType<(Address Node, ImmutableArray<string> Apps)>().ToImmutableDictionary(a => a.Node, a => a.Apps);
    }

    private static async Task<(Address Node, ImmutableArray<string> Apps)?> AppsOfAsync(
        NodeActors node, Address address, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var region = address == Cluster.Get(node.System).SelfAddress
            ? node.Apps
            : await node.System.ActorSelection(new RootActorPath(address) / "system" / "sharding" / AppsRegionName)
                .ResolveOne(timeout, cancellationToken)
                .ContinueWith(t => t.IsCompletedSuccessfully ? t.Result : null, TaskScheduler.Default);
        if (region is null)
        {
            return null;
        }

        try
        {
            var state = await region.Ask<CurrentShardRegionState>(GetShardRegionState.Instance, timeout, cancellationToken);
            return (address, [.. state.Shards.SelectMany(s => s.EntityIds).Order(StringComparer.Ordinal)]);
        }
        catch (AskTimeoutException)
        {
            return null;
        }
    }
}
