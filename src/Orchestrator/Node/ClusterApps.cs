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

    /// <summary>Per worker node that answered in time, the app entities it runs; and the workers that did not answer.</summary>
    public static Task<Answer> ByNodeAsync(NodeActors node, TimeSpan timeout, CancellationToken cancellationToken) =>
        ByNodeAsync(node.System, node.Apps, timeout, cancellationToken);

    /// <param name="apps">This node's <c>apps</c> region (or its proxy on a node that hosts none).</param>
    public static async Task<Answer> ByNodeAsync(ActorSystem system, IActorRef apps, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var state = Cluster.Get(system).State;
        var workers = state.Members
            .Where(m => m.Status is MemberStatus.Up or MemberStatus.Leaving && m.HasRole(ClusterMembership.WorkerRole))
            .ToList();
        var reachable = workers.Where(m => !state.Unreachable.Contains(m)).Select(m => m.Address).ToList();
        var answers = (await Task.WhenAll(reachable.Select(address => AppsOfAsync(system, apps, address, timeout, cancellationToken))))
            .OfType<(Address Node, ImmutableArray<string> Apps)>()
            .ToImmutableDictionary(a => a.Node, a => a.Apps);
        var silent = workers.Select(m => m.Address).Where(a => !answers.ContainsKey(a)).Select(a => a.ToString()).Order(StringComparer.Ordinal);
        return new Answer(answers, [.. silent]);
    }

    /// <param name="Silent">Workers that are unreachable or did not answer: their apps are missing from <paramref name="ByNode"/>.</param>
    public sealed record Answer(ImmutableDictionary<Address, ImmutableArray<string>> ByNode, ImmutableArray<string> Silent)
    {
        public ImmutableArray<string> Apps => [.. ByNode.Values.SelectMany(apps => apps).Distinct().Order(StringComparer.Ordinal)];
    }

    private static async Task<(Address Node, ImmutableArray<string> Apps)?> AppsOfAsync(
        ActorSystem system, IActorRef apps, Address address, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var region = address == Cluster.Get(system).SelfAddress
            ? apps
            : await system.ActorSelection(new RootActorPath(address) / "system" / "sharding" / AppsRegionName)
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
