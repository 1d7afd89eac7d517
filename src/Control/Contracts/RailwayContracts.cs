using System.Collections.Immutable;

namespace Orchestrator.Control.Contracts;

/// <summary>POST /v1/railway/status: the app's config travels as text, as with a deploy, so the daemon reads the same <c>[railway]</c>.</summary>
public sealed record RailwayStatusRequest(string ConfigToml, string ConfigPath);

/// <summary>
/// What Railway holds for one app, as its control service sees it: the baseline services (present or missing), the
/// services the janitor still has to delete, and the services that carry the app's prefix but are known to neither
/// (reported, never touched). The deployments themselves are in <c>GET /v1/status</c>.
/// </summary>
public sealed record RailwayStatusResponse(
    string App,
    string ProjectId,
    string EnvironmentId,
    ImmutableArray<RailwayBaselineService> Baseline,
    ImmutableArray<RailwayPendingDeletion> Janitor,
    long JanitorCallsMade,
    ImmutableArray<RailwayServiceRef> Unknown);

/// <param name="Role">router, control, env, redis, or service (a <c>service</c> process of orch.toml).</param>
/// <param name="ServiceId">Null: the service is missing (<c>orch railway ensure</c> creates it).</param>
public sealed record RailwayBaselineService(string Name, string Role, string? ServiceId);

public sealed record RailwayPendingDeletion(
    string ServiceName,
    string ServiceId,
    string App,
    string DeploymentId,
    string Reason,
    DateTimeOffset QueuedAt,
    int FailedAttempts,
    string? LastError);

public sealed record RailwayServiceRef(string Name, string ServiceId);

/// <summary>POST /v1/redeploy: a new deployment of what <paramref name="DeploymentId"/> runs (default: the active one); answers progress.</summary>
public sealed record RedeployRequest(string? App, string? DeploymentId);

/// <summary>POST /v1/remove: stop one deployment that is not active, now, without waiting for its drain; answers a <see cref="CommandResult"/>.</summary>
public sealed record RemoveRequest(string? App, string DeploymentId);
