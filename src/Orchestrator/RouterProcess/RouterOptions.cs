using System.Net;
using Orchestrator.Hosting;

namespace Orchestrator.RouterProcess;

/// <summary>How <c>orch router</c> runs the data plane of a state directory.</summary>
public sealed record RouterOptions
{
    public const string LockFileName = "router.lock";
    public const string LogFileName = "router.log";

    public required string StateDirectory { get; init; }

    /// <summary>The router's cluster address; its roles are always <c>router</c> alone. No seeds: it joins the daemon of its state directory, or itself.</summary>
    public ClusterMembership Cluster { get; init; } = ClusterMembership.ClusterOfOne;

    /// <summary>When set, every listener binds this address with the port of its table's listen address.</summary>
    public IPAddress? ListenHost { get; init; }

    /// <summary>The cluster's certificate; null: the one in the state directory (created by the daemon of a cluster of one).</summary>
    public string? ClusterCertificatePath { get; init; }

    public string? AkkaConfigPath { get; init; }

    /// <summary>The pid of the router this one takes over from (<c>orch router restart</c>): it binds next to it and waits for its lock.</summary>
    public int? TakeOverFrom { get; init; }

    /// <summary>On SIGTERM, how long open connections may run before the router aborts them and exits.</summary>
    public TimeSpan DrainTimeout { get; init; } = Router.RouterDefaults.HandOverDrainTimeout;

    /// <summary>Print the ready line as one JSON object.</summary>
    public bool Json { get; init; }

    public string LockPath => Path.Combine(StateDirectory, LockFileName);

    public string RecordPath => Path.Combine(StateDirectory, State.NodeRecord.RouterFileName);
}
