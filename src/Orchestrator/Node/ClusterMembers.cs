using System.Collections.Immutable;
using Akka.Actor;
using Akka.Cluster;
using Orchestrator.Control;
using Orchestrator.Control.Contracts;

namespace Orchestrator.Node;

/// <summary>The control API's view of cluster membership: who is in it, who hosts what, and downing a node.</summary>
internal static class ClusterMembers
{
    private const string AddressHint = "copy it from `orch cluster show`, e.g. akka.ssl.tcp://orch@10.0.0.5:4053";

    public static ClusterStatus Status(ActorSystem system, ImmutableDictionary<Address, ImmutableArray<string>> appsByNode)
    {
        var cluster = Cluster.Get(system);
        var state = cluster.State;
        var oldest = state.Members.Where(m => m.Status == MemberStatus.Up).OrderBy(m => m, Member.AgeOrdering).FirstOrDefault();
        var members = state.Members
            .OrderBy(m => m.Address.ToString(), StringComparer.Ordinal)
            .Select(m => new ClusterMember(
                m.Address.ToString(),
                StatusOf(m),
                [.. m.Roles.Order(StringComparer.Ordinal)],
                !state.Unreachable.Contains(m),
                appsByNode.TryGetValue(m.Address, out var apps) ? apps : null));
        return new ClusterStatus(cluster.SelfAddress.ToString(), state.Leader?.ToString(), oldest?.Address.ToString(), [.. members]);
    }

    /// <summary>Akka's member status in lower case: joining, up, leaving, exiting, down, removed.</summary>
    public static string StatusOf(Member member) => member.Status.ToString().ToLowerInvariant();

    /// <summary>Downs a member named by its address (as <c>orch cluster show</c> prints it).</summary>
    /// <exception cref="ControlPlaneException">The address is malformed, unknown, or this node's own.</exception>
    public static CommandResult Down(ActorSystem system, string address)
    {
        var cluster = Cluster.Get(system);
        var target = MemberAddress(cluster, address);
        if (target == cluster.SelfAddress)
        {
            throw new ControlPlaneException(400, $"{address} is this node", "to take this node out, run `orch cluster leave` with its address, or `orch cluster down` on another node");
        }

        cluster.Down(target);
        return new CommandResult(true, $"{address} is marked down; its apps move to the other worker nodes");
    }

    /// <summary>The member leaves gracefully: Akka hands its shards off, then it is removed and its daemon exits 0.</summary>
    /// <exception cref="ControlPlaneException">The address is malformed or unknown.</exception>
    public static CommandResult Leave(ActorSystem system, string address)
    {
        var cluster = Cluster.Get(system);
        var target = MemberAddress(cluster, address);
        cluster.Leave(target);
        return new CommandResult(true, $"{address} is leaving the cluster: its apps are handed off to the other worker nodes, then its daemon exits");
    }

    /// <summary>
    /// Joins this node to the cluster of <paramref name="address"/>. Akka.NET joins a cluster once and ignores a join of a
    /// node that is up in one already, so that is refused here instead of answered with a success that changes nothing.
    /// </summary>
    public static CommandResult Join(ActorSystem system, string address)
    {
        var cluster = Cluster.Get(system);
        var target = Parse(address);
        if (cluster.State.Members.Any(m => m.Address == target))
        {
            return new CommandResult(true, $"{address} is a member of this node's cluster already");
        }

        if (cluster.SelfMember.Status is MemberStatus.Up or MemberStatus.WeaklyUp or MemberStatus.Leaving)
        {
            throw new ControlPlaneException(409, $"this node ({cluster.SelfAddress}) is a member of a cluster already, and Akka.NET joins a cluster once",
                "to move it into the cluster of " + address + ", stop its daemon and start it again with --seed HOST:PORT of that cluster");
        }

        cluster.Join(target);
        return new CommandResult(true, $"this node ({cluster.SelfAddress}) asked {address} to join its cluster; `orch cluster tail` shows it come up");
    }

    /// <summary>Downs every member this node sees unreachable, except itself.</summary>
    public static DownUnreachableResult DownUnreachable(ActorSystem system)
    {
        var cluster = Cluster.Get(system);
        var unreachable = cluster.State.Unreachable
            .Where(m => m.Address != cluster.SelfAddress && m.Status is not (MemberStatus.Down or MemberStatus.Removed))
            .Select(m => m.Address)
            .OrderBy(a => a.ToString(), StringComparer.Ordinal)
            .ToList();
        foreach (var target in unreachable)
        {
            cluster.Down(target);
        }

        ImmutableArray<string> downed = [.. unreachable.Select(a => a.ToString())];
        return new DownUnreachableResult(true, downed.IsEmpty
            ? "no member is unreachable; nothing was marked down"
            : $"marked down {downed.Length} unreachable member(s): {string.Join(", ", downed)}; their apps move to the other worker nodes", downed);
    }

    /// <summary>The address of a member of this node's cluster.</summary>
    /// <exception cref="ControlPlaneException">400 when malformed, 404 when no member has it (the hint lists the members).</exception>
    private static Address MemberAddress(Cluster cluster, string address)
    {
        var target = Parse(address);
        if (!cluster.State.Members.Any(m => m.Address == target))
        {
            throw new ControlPlaneException(404, $"no member {address} in the cluster",
                "members: " + string.Join(", ", cluster.State.Members.Select(m => m.Address.ToString())));
        }

        return target;
    }

    private static Address Parse(string address)
    {
        Address? parsed;
        try
        {
            parsed = Address.Parse(address);
        }
        catch (Exception e) when (e is UriFormatException or ArgumentException or FormatException)
        {
            parsed = null;
        }

        // A local address (akka://orch) names no node: a member's address has a host and a port.
        return parsed is { Host: not null, Port: not null }
            ? parsed
            : throw new ControlPlaneException(400, $"'{address}' is not a node address", AddressHint);
    }
}
