using System.Collections.Immutable;
using Akka.Actor;
using Akka.Cluster;
using Orchestrator.Actors.Routing;
using Orchestrator.Control.Contracts;

namespace Orchestrator.Node;

/// <summary>Asks every router member of the cluster what it serves: the same question for a local router and an edge router.</summary>
internal static class RouterStatuses
{
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(3);

    public static async Task<ImmutableArray<(Member Member, RouterStatus? Status)>> AskAsync(ActorSystem system, CancellationToken cancellationToken)
    {
        var cluster = Cluster.Get(system);
        var members = cluster.State.Members.Where(m => m.Status == MemberStatus.Up && m.HasRole(RouteTableActor.RouterRole)).ToList();
        var unreachable = cluster.State.Unreachable;
        var answers = await Task.WhenAll(members.Select(async m =>
        {
            if (unreachable.Contains(m))
            {
                return (m, (RouterStatus?)null);
            }

            try
            {
                var status = await system.ActorSelection(new RootActorPath(m.Address) / "user" / "route-replica")
                    .Ask<RouterStatus>(GetRouterStatus.Instance, AskTimeout, cancellationToken);
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
        return [.. answers
            .OrderBy(a => a.Status?.StartedAt ?? DateTimeOffset.MaxValue)
            .Select(a => a.Status is { } s
                ? new RouterProcessStatus(s.Node, s.Pid, s.Listen, s.StartedAt, s.Versions, s.Problems, s.Draining)
                : new RouterProcessStatus(a.Member.Address.ToString(), null, [], null, ImmutableDictionary<string, long>.Empty,
                    ImmutableDictionary<string, string>.Empty, false,
                    unreachable.Contains(a.Member) ? "unreachable from this node" : $"did not answer within {AskTimeout.TotalSeconds:0}s"))];
    }
}
