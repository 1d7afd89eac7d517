using System.Collections.Immutable;
using System.Globalization;
using System.Net;
using Orchestrator.Actors.Routing;

namespace Orchestrator.Hosting;

/// <summary>
/// How a node takes part in the Akka.NET cluster. Without seed nodes it is a cluster of one that joins itself;
/// with seeds it joins them, and every node of the cluster must share one Redis journal.
/// </summary>
public sealed record ClusterMembership
{
    public const string WorkerRole = Control.Contracts.ClusterMember.WorkerRole;

    /// <summary>
    /// Every daemon's member carries it, no router's: the split brain resolver keeps the side with the oldest daemon, so
    /// router processes, which outlive daemons and so tend to be the oldest members, never decide who stays.
    /// </summary>
    public const string ControlRole = "control";
    public const string HostEnvironmentVariable = "ORCH_CLUSTER_HOST";
    public const string PortEnvironmentVariable = "ORCH_CLUSTER_PORT";
    public const string SeedsEnvironmentVariable = "ORCH_SEEDS";
    public const string RolesEnvironmentVariable = "ORCH_ROLES";
    public const string SplitBrainEnvironmentVariable = "ORCH_SPLIT_BRAIN";

    /// <summary>Remoting's protocol: TCP under mutual TLS with the cluster's certificate (see <see cref="Tls.ClusterCertificate"/>).</summary>
    public const string Protocol = "akka.ssl.tcp";

    public static readonly ImmutableArray<string> AllRoles = [RouteTableActor.RouterRole, WorkerRole];

    public static readonly ClusterMembership ClusterOfOne = new();

    /// <summary>The address other nodes and routers reach this node at; its processes' destinations use it too.</summary>
    public string Host { get; init; } = "127.0.0.1";

    /// <summary>The remoting port; 0 picks a free one (fine for a cluster of one and for nodes that are not seeds).</summary>
    public int Port { get; init; }

    /// <summary>Seed nodes as <c>host:port</c>; empty for a cluster of one.</summary>
    public ImmutableArray<string> Seeds { get; init; } = [];

    /// <summary><c>router</c> serves the apps' listeners; <c>worker</c> hosts apps and runs their processes.</summary>
    public ImmutableArray<string> Roles { get; init; } = AllRoles;

    /// <summary>
    /// How a partition is resolved; null takes <see cref="SplitBrainStrategy.KeepMajority"/> with seeds and
    /// <see cref="SplitBrainStrategy.KeepOldest"/> for a cluster of one (where it never has to decide).
    /// </summary>
    public SplitBrainStrategy? SplitBrain { get; init; }

    public SplitBrainStrategy EffectiveSplitBrain => SplitBrain ?? (IsClusterOfOne ? SplitBrainStrategy.KeepOldest : SplitBrainStrategy.KeepMajority);

    /// <summary><c>orch router --seed</c>: a member with the router role alone, which no split brain decision counts.</summary>
    public bool IsEdgeRouter { get; init; }

    /// <summary>What the member announces: every daemon carries <see cref="ControlRole"/>, an edge router only <c>router</c>.</summary>
    public ImmutableArray<string> MemberRoles => IsEdgeRouter ? [RouteTableActor.RouterRole] : [ControlRole, .. Roles];

    public bool IsClusterOfOne => Seeds.IsEmpty;

    public ClusterMembership AsEdgeRouter() => this with { Roles = [RouteTableActor.RouterRole], IsEdgeRouter = true };

    public bool IsRouter => Roles.Contains(RouteTableActor.RouterRole);

    public bool IsWorker => Roles.Contains(WorkerRole);

    public IEnumerable<string> SeedAddresses(string systemName) => Seeds.Select(seed => $"{Protocol}://{systemName}@{seed}");

    /// <summary>Validates every value and reports each problem with an example fix; empty values take the defaults.</summary>
    public static ClusterMembership Parse(string? host, string? port, string? seeds, string? roles, string? splitBrain, out ImmutableArray<string> problems)
    {
        var found = ImmutableArray.CreateBuilder<string>();
        var settings = new ClusterMembership();
        if (!string.IsNullOrWhiteSpace(host))
        {
            settings = settings with { Host = host.Trim() };
            if (host.Trim() is "*" or "0.0.0.0" or "::" or "[::]")
            {
                found.Add($"cluster host '{host}' is not an address other nodes can reach; give this node's own address, e.g. --cluster-host 10.0.0.5");
            }
        }

        if (!string.IsNullOrWhiteSpace(port))
        {
            if (TryParsePort(port.Trim(), out var value))
            {
                settings = settings with { Port = value };
            }
            else
            {
                found.Add($"cluster port '{port}' is not a port number (0-65535); e.g. --cluster-port 4053");
            }
        }

        if (!string.IsNullOrWhiteSpace(seeds))
        {
            var list = seeds.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            foreach (var seed in list.Where(s => !IsHostAndPort(s)))
            {
                found.Add($"seed '{seed}' is not host:port; e.g. --seed 10.0.0.5:4053 (repeat --seed, or separate with commas)");
            }

            settings = settings with { Seeds = [.. list] };
        }

        if (!string.IsNullOrWhiteSpace(roles))
        {
            var list = roles.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(r => r.ToLowerInvariant()).Distinct().ToImmutableArray();
            foreach (var role in list.Where(r => !AllRoles.Contains(r)))
            {
                found.Add($"role '{role}' is unknown; roles are {string.Join(" and ", AllRoles)}, e.g. --roles router,worker");
            }

            if (list.IsEmpty)
            {
                found.Add($"--roles names no role; give {string.Join(", ", AllRoles)} or both");
            }

            settings = settings with { Roles = list };
        }

        if (!string.IsNullOrWhiteSpace(splitBrain))
        {
            if (SplitBrainStrategies.TryParse(splitBrain.Trim(), out var strategy))
            {
                settings = settings with { SplitBrain = strategy };
            }
            else
            {
                found.Add($"split brain strategy '{splitBrain}' is unknown; use {SplitBrainStrategies.Names}, e.g. --split-brain keep-majority");
            }
        }

        problems = found.ToImmutable();
        return settings;
    }

    private static bool TryParsePort(string text, out int port) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out port) && port <= IPEndPoint.MaxPort;

    private static bool IsHostAndPort(string value)
    {
        var colon = value.LastIndexOf(':');
        return colon > 0 && TryParsePort(value[(colon + 1)..], out var port) && port > 0;
    }
}
