using Akka.Cluster;
using Orchestrator.Control.Contracts;
using static Akka.Cluster.ClusterEvent;

namespace Orchestrator.Node;

/// <summary>From Akka's cluster events to the control API's <see cref="Control.Contracts.ClusterEvent"/>, in pbm's words.</summary>
internal static class ClusterEventMapper
{
    public static Control.Contracts.ClusterEvent? Of(IMemberEvent memberEvent, DateTimeOffset at) => memberEvent switch
    {
        MemberJoined e => Member(ClusterEventKinds.Joined, e.Member, at),
        MemberUp e => Member(ClusterEventKinds.Up, e.Member, at),
        MemberWeaklyUp e => Member(ClusterEventKinds.Up, e.Member, at),
        MemberLeft e => Member(ClusterEventKinds.Leaving, e.Member, at),
        MemberExited e => Member(ClusterEventKinds.Exiting, e.Member, at),
        MemberDowned e => Member(ClusterEventKinds.Downed, e.Member, at),
        MemberRemoved e => Member(ClusterEventKinds.Removed, e.Member, at),
        _ => null,
    };

    public static Control.Contracts.ClusterEvent? Of(IReachabilityEvent reachabilityEvent, DateTimeOffset at) => reachabilityEvent switch
    {
        UnreachableMember e => Member(ClusterEventKinds.Unreachable, e.Member, at),
        ReachableMember e => Member(ClusterEventKinds.Reachable, e.Member, at),
        _ => null,
    };

    public static Control.Contracts.ClusterEvent Of(LeaderChanged leaderChanged, DateTimeOffset at) =>
        new(ClusterEventKinds.LeaderChanged, leaderChanged.Leader?.ToString(), null, [], at);

    private static Control.Contracts.ClusterEvent Member(string kind, Member member, DateTimeOffset at) =>
        new(kind, member.Address.ToString(), ClusterMembers.StatusOf(member), [.. member.Roles.Order(StringComparer.Ordinal)], at);
}
