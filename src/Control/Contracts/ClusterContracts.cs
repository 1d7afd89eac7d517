using System.Collections.Immutable;

namespace Orchestrator.Control.Contracts;

/// <summary>GET /v1/cluster: the cluster as the answering node sees it.</summary>
/// <param name="Self">The answering node's address.</param>
/// <param name="Oldest">The oldest node: it keeps running when the cluster splits (keep-oldest).</param>
public sealed record ClusterStatus(string Self, string? Leader, string? Oldest, ImmutableArray<ClusterMember> Members);

/// <param name="Status">Akka's member status in lower case: joining, up, leaving, exiting, down, removed.</param>
/// <param name="Apps">The apps this node hosts, when it answered (null for a router-only or unreachable node).</param>
public sealed record ClusterMember(string Address, string Status, ImmutableArray<string> Roles, bool Reachable, ImmutableArray<string>? Apps)
{
    /// <summary>The role of a node that runs apps; its <see cref="Apps"/> are known.</summary>
    public const string WorkerRole = "worker";
}

/// <summary>POST /v1/cluster/down: marks a node down so its apps move to the other nodes.</summary>
public sealed record DownRequest(string Address);
