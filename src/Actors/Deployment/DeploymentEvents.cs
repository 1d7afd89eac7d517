using System.Collections.Immutable;
using Orchestrator.Actors.Hosts;
using Orchestrator.Actors.Persistence;
using Orchestrator.Actors.Processes;
using Orchestrator.Actors.Railway;
using Orchestrator.Config;

namespace Orchestrator.Actors.Deployment;

/// <summary>
/// The release being deployed, with the app config exactly as it was at deploy time; <paramref name="Railway"/> is the
/// image or repo the command line named for a Railway app, which replaces the config's.
/// </summary>
public sealed record DeploymentCreated(
    string DeploymentId,
    string App,
    string ReleasePath,
    string Revision,
    string ConfigToml,
    string ConfigPath,
    DateTimeOffset At,
    RailwayRelease? Railway = null) : IPersistedEvent
{
    /// <summary>The config this deployment runs: the stored text, with the command line's Railway release applied.</summary>
    public ConfigLoadResult LoadConfig()
    {
        var loaded = AppConfigLoader.Load(ConfigToml, ConfigPath);
        return Railway is { } release && loaded.Config is { Railway: not null } config
            ? loaded with { Config = release.ApplyTo(config) }
            : loaded;
    }
}

public sealed record DeploymentPortsAllocated(ImmutableDictionary<string, int> Ports) : IPersistedEvent;

/// <summary>Pid and kernel start time of a process, so a restarted node can re-adopt it.</summary>
public sealed record DeploymentProcessLaunched(string ProcessId, int Pid, long StartTimeTicks) : IPersistedEvent;

/// <summary>Processes of <paramref name="ProcessId"/> that outlived its stop (no cgroup held them); status names them while they run.</summary>
public sealed record DeploymentProcessSurvived(string ProcessId, ImmutableArray<SurvivingProcess> Survivors) : IPersistedEvent;

public sealed record DeploymentActivated(DateTimeOffset At) : IPersistedEvent;

/// <summary>
/// The deployment serves beside the active one, for <paramref name="Percent"/> of the clients or, with
/// <paramref name="CookieName"/>, for the requests carrying that cookie with <paramref name="CookieValue"/>.
/// </summary>
public sealed record DeploymentCanaryStarted(int Percent, string? CookieName, string? CookieValue, DateTimeOffset At) : IPersistedEvent
{
    public CanarySpec ToSpec() => new(Percent, CookieName, CookieValue);
}

/// <summary>
/// <c>orch promote</c> began: recorded before the route table is asked to switch, so a restart at any moment after it
/// finishes the promotion (the switch is sent again, then the deployment activates) instead of serving as a canary again.
/// </summary>
public sealed record DeploymentCanaryPromoting(DateTimeOffset At) : IPersistedEvent;

/// <summary>The drain's deadline is absolute, so it survives restarts with the time that is left.</summary>
public sealed record DeploymentDrainStarted(DateTimeOffset At, DateTimeOffset Deadline) : IPersistedEvent;

public sealed record DeploymentRetired(DateTimeOffset At, string Reason) : IPersistedEvent;

public sealed record DeploymentFailed(DateTimeOffset At, string Reason) : IPersistedEvent;

/// <summary>An active process failed <c>health.unhealthy_after</c> probes in a row and is being restarted.</summary>
public sealed record DeploymentProcessUnhealthy(string ProcessId, string Reason, DateTimeOffset At) : IPersistedEvent;

/// <summary>A process was restarted for a recorded cause (unhealthy, above its memory limit), not a crash of its own.</summary>
public sealed record DeploymentProcessRestarted(string ProcessId, string Reason, DateTimeOffset At) : IPersistedEvent;

/// <summary>
/// The deployment began stopping its processes (SIGTERM sent next); <paramref name="KillAt"/> is each process's absolute
/// SIGKILL time, so a restarted node adopts them, does not signal them again and kills at the original deadline.
/// <paramref name="Then"/> is what it becomes once they are gone: <see cref="DeploymentPhase.Retired"/> or <see cref="DeploymentPhase.Failed"/>.
/// </summary>
public sealed record DeploymentStopStarted(
    DateTimeOffset At,
    string Reason,
    DeploymentPhase Then,
    ImmutableDictionary<string, DateTimeOffset> KillAt) : IPersistedEvent;

/// <summary>A process exited and its restart is due at <paramref name="RestartAt"/> (absolute, so it survives restarts).</summary>
public sealed record DeploymentProcessRestartScheduled(string ProcessId, DateTimeOffset RestartAt) : IPersistedEvent;

/// <summary>The deployment's Railway service got further (created, deployed, serving at its private domain): the latest record wins.</summary>
public sealed record DeploymentRailwayServiceRecorded(string ProcessId, RailwayServiceRecord Service) : IPersistedEvent;

/// <summary>An instance of the proxied process runs on another worker (placement.replicas): the latest record per index wins.</summary>
public sealed record DeploymentInstancePlaced(InstancePlacement Placement) : IPersistedEvent;

/// <summary>A release hook (<c>pre_switch</c>, <c>post_switch</c>) began: a restart before its end reports it interrupted and never runs it again.</summary>
public sealed record DeploymentHookStarted(string Hook, string Command, DateTimeOffset At) : IPersistedEvent;

/// <summary>A release hook ended: <paramref name="Outcome"/> is <c>succeeded</c>, <c>failed</c> or <c>interrupted</c>; <paramref name="Detail"/> says how.</summary>
public sealed record DeploymentHookFinished(string Hook, string Outcome, string Detail, DateTimeOffset At) : IPersistedEvent;
