using System.Collections.Immutable;

namespace Orchestrator.Control.Contracts;

/// <summary>POST /v1/cluster/leave: the member leaves gracefully (its shards are handed off, then its daemon exits 0).</summary>
public sealed record LeaveRequest(string Address);

/// <summary>POST /v1/cluster/join: the answering node joins the cluster of the node at <paramref name="Address"/> (a seed).</summary>
public sealed record JoinRequest(string Address);

/// <summary>POST /v1/cluster/down-unreachable: every member the answering node saw unreachable, now marked down.</summary>
/// <param name="Downed">Their addresses; empty when every member was reachable.</param>
public sealed record DownUnreachableResult(bool Ok, string Message, ImmutableArray<string> Downed);

/// <summary>One line of GET /v1/cluster/tail: a change of membership, reachability or leadership, as the answering node saw it.</summary>
/// <param name="Kind">One of <see cref="ClusterEventKinds"/>.</param>
/// <param name="Address">The member it is about; for leader-changed the new leader (null when there is none).</param>
/// <param name="Status">The member's status in lower case, as in <see cref="ClusterMember.Status"/>; null for leader-changed.</param>
public sealed record ClusterEvent(string Kind, string? Address, string? Status, ImmutableArray<string> Roles, DateTimeOffset At);

/// <summary>The kinds of <see cref="ClusterEvent"/>: pbm's vocabulary of member events.</summary>
public static class ClusterEventKinds
{
    public const string Joined = "joined";
    public const string Up = "up";
    public const string Leaving = "leaving";
    public const string Exiting = "exiting";
    public const string Removed = "removed";
    public const string Downed = "downed";
    public const string Unreachable = "unreachable";
    public const string Reachable = "reachable";
    public const string LeaderChanged = "leader-changed";
}
