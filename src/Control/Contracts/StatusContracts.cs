using System.Collections.Immutable;

namespace Orchestrator.Control.Contracts;

/// <summary>GET /v1/status[?app=NAME].</summary>
/// <param name="SilentNodes">Worker nodes that did not answer (crashed or cut off): their apps are missing from <paramref name="Apps"/>.</param>
/// <param name="Routers">Every router process of the cluster, oldest first.</param>
public sealed record StatusResponse(ImmutableArray<AppStatus> Apps, ImmutableArray<string>? SilentNodes = null, ImmutableArray<RouterProcessStatus>? Routers = null);

/// <summary>One router process as it reports itself over the cluster.</summary>
/// <param name="Node">Its cluster address.</param>
/// <param name="Listen">The addresses its listeners are bound to.</param>
/// <param name="Versions">The route table version it serves, per app.</param>
/// <param name="Problems">Per app, why it could not serve the app's table (e.g. <c>cannot listen on 127.0.0.1:8182: address already in use</c>).</param>
/// <param name="Draining">It handed over to a newer router: it accepts nothing and lets its open connections end.</param>
/// <param name="Unavailable">Why it did not answer (unreachable, or no answer in time); its other fields are then empty.</param>
public sealed record RouterProcessStatus(
    string Node,
    int? Pid,
    ImmutableArray<string> Listen,
    DateTimeOffset? StartedAt,
    ImmutableDictionary<string, long> Versions,
    ImmutableDictionary<string, string> Problems,
    bool Draining,
    string? Unavailable = null);

/// <param name="Node">The cluster address of the node that runs the app and its processes.</param>
/// <param name="Unavailable">Why the app could not report (its actor gave up after failing, or did not answer); its lists are then empty.</param>
public sealed record AppStatus(
    string App,
    string? Node,
    string? Listen,
    string? ActiveDeploymentId,
    bool DeployInProgress,
    ImmutableArray<ProcessStatus> Services,
    ImmutableArray<DeploymentStatus> Deployments,
    string? Unavailable = null,
    ImmutableArray<SharedDirStatus>? SharedDirs = null);

/// <summary>One of the app's <c>shared_dirs</c>: the path in each release, the directory it links to, and its size.</summary>
public sealed record SharedDirStatus(string Path, string Location, long Bytes);

/// <summary>A release hook of a deployment: <paramref name="State"/> is running, succeeded, failed or interrupted.</summary>
public sealed record ReleaseHookStatus(string Hook, string Command, string State, DateTimeOffset StartedAt, DateTimeOffset? FinishedAt, string? Detail);

public sealed record DeploymentStatus(
    string Id,
    string App,
    string? Revision,
    string State,
    string ReleasePath,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ActivatedAt,
    DateTimeOffset? DrainStartedAt,
    DateTimeOffset? DrainDeadline,
    DateTimeOffset? StoppedAt,
    ImmutableDictionary<string, int> Ports,
    ConnectionStatus Connections,
    ImmutableArray<ProcessStatus> Processes,
    string? FailureReason,
    string? Canary = null,
    ImmutableArray<ReleaseHookStatus>? Hooks = null);

/// <summary>Open connections to a deployment now, and the requests the routers sent it since they started.</summary>
public sealed record ConnectionStatus(int Http, int WebSocket, int Streaming, long Requests = 0);

/// <param name="Health">
/// <c>healthy</c> or <c>unhealthy</c> for an active deployment's proxied process (probed every
/// <c>health.interval_active</c>), else null; <paramref name="HealthDetail"/> is the last probe's answer or failure.
/// </param>
/// <param name="LastRestartReason">Why the process was last restarted (a crash, unhealthy, over its memory limit).</param>
public sealed record ProcessStatus(
    string Id,
    string Policy,
    int? Pid,
    string State,
    int Restarts,
    int? ExitCode,
    string? ExitSignal,
    DateTimeOffset? StartedAt,
    double? UptimeSeconds,
    string? LogPath,
    ImmutableArray<int>? Survivors = null,
    string? Health = null,
    string? HealthDetail = null,
    string? LastRestartReason = null,
    RailwayServiceStatus? Railway = null,
    string? Node = null);

/// <summary>A process that is a Railway service (an app with <c>[railway]</c>): its service, Railway's deployment and that deployment's last known status.</summary>
/// <param name="ApiUrl">The Railway API it was created through, when not the daemon's default.</param>
public sealed record RailwayServiceStatus(string ServiceName, string? ServiceId, string? DeploymentId, string? Status, string? PrivateDomain, string? ApiUrl = null);

/// <summary>POST /v1/router/restart: the hand-over's outcome, with the pids of the old router (null when none ran) and the new one.</summary>
public sealed record RouterRestartResult(bool Ok, string Message, int? OldPid, int? NewPid);
