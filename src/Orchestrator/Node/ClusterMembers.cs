using System.Collections.Immutable;
using Akka.Actor;
using Akka.Cluster;
using Orchestrator.Control;
using Orchestrator.Control.Contracts;

namespace Orchestrator.Node;

/// <summary>The control API's view of cluster membership: who is in it, who hosts what, and downing a node.</summary>
internal static class ClusterMembers
{
    public static ClusterStatus Status(ActorSystem system, ImmutableDictionary<Address, ImmutableArray<string>> appsByNode)
    {
        var cluster = Cluster.Get(system);
        var state = cluster.State;
        var oldest = state.Members.Where(m => m.Status == MemberStatus.Up).OrderBy(m => m, Member.AgeOrdering).FirstOrDefault();
        var members = state.Members
            .OrderBy(m => m.Address.ToString(), StringComparer.Ordinal)
            .Select(m => new ClusterMember(
                m.Address.ToString(),
                m.Status.ToString().ToLowerInvariant(),
                [.. m.Roles.Order(StringComparer.Ordinal)],
                !state.Unreachable.Contains(m),
                appsByNode.TryGetValue(m.Address, out var apps) ? apps : null));
        return new ClusterStatus(cluster.SelfAddress.ToString(), state.Leader?.ToString(), oldest?.Address.ToString(), [.. members]);
    }

    /// <summary>Downs a member named by its address (as <c>orch cluster show</c> prints it).</summary>
    /// <exception cref="ControlPlaneException">The address is malformed, unknown, or this node's own.</exception>
    public static CommandResult Down(ActorSystem system, string address)
    {
        var cluster = Cluster.Get(system);
        var members = cluster.State.Members.Select(m => m.Address.ToString()).ToList();
        Address target;
        try
        {
            target = Address.Parse(address);
        }
        catch (Exception e) when (e is UriFormatException or ArgumentException or FormatException)
        {
            throw new ControlPlaneException(400, $"'{address}' is not a node address", "copy it from `orch cluster show`, e.g. akka.ssl.tcp://orch@10.0.0.5:4053");
        }

        if (target == cluster.SelfAddress)
        {
            throw new ControlPlaneException(400, $"{address} is this node", "to take this node out, stop its daemon (it leaves the cluster) or run `orch cluster down` on another node");
        }

        if (!cluster.State.Members.Any(m => m.Address == target))
        {
            throw new ControlPlaneException(404, $"no member {address} in the cluster", "members: " + string.Join(", ", members));
        }

        cluster.Down(target);
        return new CommandResult(true, $"{address} is marked down; its apps move to the other worker nodes");
    }
}
