using System.Collections.Immutable;
using Akka.Actor;
using Akka.Cluster;
using Orchestrator.Actors.Routing;
using Orchestrator.Control.Contracts;

namespace Orchestrator.Node;

/// <summary>
/// Asks every router replica of the cluster (each daemon with the router role) which router processes read its feed
/// and what they serve.
/// </summary>
internal static class RouterStatuses
{
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(3);

    public static async Task<ImmutableArray<(Member Member, RouterReplicaStatus? Status)>> AskAsync(ActorSystem system, CancellationToken cancellationToken)
    {
        var cluster = Cluster.Get(system);
        var members = cluster.State.Members.Where(m => m.Status == MemberStatus.Up && m.HasRole(RouteTableActor.RouterRole)).ToList();
        var unreachable = cluster.State.Unreachable;
        var answers = await Task.WhenAll(members.Select(async m =>
        {
            if (unreachable.Contains(m))
            {
                return (m, (RouterReplicaStatus?)null);
            }

            try
            {
                var status = await system.ActorSelection(new RootActorPath(m.Address) / "user" / RouteTableActor.ReplicaName)
                    .Ask<RouterReplicaStatus>(GetRouterStatus.Instance, AskTimeout, cancellationToken);
                return (m, status);
            }
            catch (Exception e) when (e is AskTimeoutException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                return (m, null);
            }
        }));
        return [.. answers];
    }

    public static async Task<ImmutableArray<RouterProcessStatus>> ForStatusAsync(ActorSystem system, CancellationToken cancellationToken)
    {
        var unreachable = Cluster.Get(system).State.Unreachable;
        var answers = await AskAsync(system, cancellationToken);
        return [.. answers.SelectMany(a => a.Status switch
            {
                { Routers.IsEmpty: false } replica => replica.Routers.Select(s =>
                    new RouterProcessStatus(s.Node, s.Pid, s.Listen, s.StartedAt, s.Versions, s.Problems, s.Draining)),
                { } replica => [Missing(a.Member, replica.RouterRuns
                    ? "its router process has not connected to the node's feed yet"
                    : "its router process is down; the node starts it again")],
                null => [Missing(a.Member, unreachable.Contains(a.Member) ? "unreachable from this node" : $"did not answer within {AskTimeout.TotalSeconds:0}s")],
            })
            .OrderBy(r => r.StartedAt ?? DateTimeOffset.MaxValue)];
    }

    private static RouterProcessStatus Missing(Member member, string why) =>
        new(member.Address.ToString(), null, [], null, ImmutableDictionary<string, long>.Empty, ImmutableDictionary<string, string>.Empty, false, why);
}
