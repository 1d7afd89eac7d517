using System.Collections.Immutable;
using Orchestrator.Actors.Persistence;

namespace Orchestrator.Actors.App;

public sealed record AppDeploymentStarted(string DeploymentId, DateTimeOffset At) : IPersistedEvent;

public sealed record AppDeploymentActivated(string DeploymentId, string? Listen, DateTimeOffset At) : IPersistedEvent;

/// <summary>The deployment serves beside the active one as its canary, until promoted (activated) or rolled back.</summary>
public sealed record AppCanaryStarted(string DeploymentId, DateTimeOffset At) : IPersistedEvent;

/// <summary>The canary was rolled back: it drains, and the active deployment serves every request.</summary>
public sealed record AppCanaryRolledBack(string DeploymentId, DateTimeOffset At) : IPersistedEvent;

/// <summary>The deployment retired or failed; it stays in the history until pruned.</summary>
public sealed record AppDeploymentEnded(string DeploymentId, string Outcome, DateTimeOffset At) : IPersistedEvent;

/// <summary>Deployments dropped from the history by <c>[retention] keep</c>.</summary>
public sealed record AppDeploymentsPruned(ImmutableArray<string> DeploymentIds) : IPersistedEvent;

public sealed record AppStopped(DateTimeOffset At) : IPersistedEvent;

/// <summary>The app's baseline services, with the config they were started from and their stable ports.</summary>
public sealed record AppServicesStarted(
    string ConfigToml,
    string ConfigPath,
    string ReleasePath,
    string Revision,
    ImmutableDictionary<string, int> Ports,
    DateTimeOffset At) : IPersistedEvent;

/// <summary>Pid and kernel start time of a service process, so a restarted node re-adopts it.</summary>
public sealed record AppServiceLaunched(string ProcessId, int Pid, long StartTimeTicks) : IPersistedEvent;
