using System.Collections.Immutable;
using Orchestrator.Actors.Messaging;

namespace Orchestrator.Actors.Hosts;

/// <summary>The release an instance runs: the deployment's stored config, rendered on the instance's own host.</summary>
public sealed record InstanceRelease(string App, string ReleasePath, string Revision, string ConfigToml, string ConfigPath);

/// <summary>
/// Where one instance of a deployment's proxied process runs: the node, the address routers reach it at, its port on
/// that host, and its pid and kernel start time (so a restarted host agent adopts it instead of starting it twice).
/// </summary>
public sealed record InstancePlacement(int Index, string Node, string Destination, int Port, int Pid, long StartTimeTicks);

/// <summary>
/// To a worker's <see cref="HostAgent"/>: run instance <paramref name="Index"/> of the deployment's proxied process on
/// this host, or answer for the one it runs already, or adopt <paramref name="Known"/> if it still runs. Replies
/// <see cref="InstancePortReserved"/> at once, then <see cref="InstanceReady"/> once it answers its health check, or
/// <see cref="InstanceFailed"/>. <paramref name="Avoid"/>: the ports the deployment holds elsewhere, never taken here,
/// so nodes that share one machine (and its ports) never collide.
/// </summary>
public sealed record StartInstance(string DeploymentId, int Index, InstanceRelease Release, InstancePlacement? Known, ImmutableArray<int> Avoid) : IClusterMessage;

public sealed record InstancePortReserved(string DeploymentId, int Index, int Port) : IClusterMessage;

public sealed record InstanceReady(string DeploymentId, InstancePlacement Placement) : IClusterMessage;

public sealed record InstanceFailed(string DeploymentId, int Index, string Node, string Reason) : IClusterMessage;

/// <summary>To the deployment that placed it: the instance crashed and its host started it again, with a new pid.</summary>
public sealed record InstanceRelaunched(string DeploymentId, InstancePlacement Placement) : IClusterMessage;

/// <summary>Stop the instance (SIGTERM, SIGKILL at <paramref name="KillAt"/>), adopting <paramref name="Known"/> first if need be. Replies <see cref="InstanceStopped"/>.</summary>
public sealed record StopInstance(string DeploymentId, int Index, InstanceRelease Release, InstancePlacement Known, DateTimeOffset KillAt) : IClusterMessage;

public sealed record InstanceStopped(string DeploymentId, int Index) : IClusterMessage;
