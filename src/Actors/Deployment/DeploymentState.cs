using System.Collections.Immutable;
using Orchestrator.Actors.Hosts;
using Orchestrator.Actors.Persistence;
using Orchestrator.Actors.Processes;
using Orchestrator.Actors.Railway;
using Orchestrator.Config;

namespace Orchestrator.Actors.Deployment;

/// <summary>What a deployment's journal says about it. Pure: <see cref="Apply"/> folds one event.</summary>
public sealed record DeploymentState
{
    public static readonly DeploymentState Empty = new();

    public DeploymentCreated? Created { get; init; }
    public DeploymentPhase Phase { get; init; } = DeploymentPhase.Pending;
    public ImmutableDictionary<string, int> Ports { get; init; } = ImmutableDictionary<string, int>.Empty;
    public ImmutableDictionary<string, DeploymentProcessLaunched> Launched { get; init; } =
        ImmutableDictionary<string, DeploymentProcessLaunched>.Empty;
    public ImmutableDictionary<string, ImmutableArray<SurvivingProcess>> Survivors { get; init; } =
        ImmutableDictionary<string, ImmutableArray<SurvivingProcess>>.Empty;

    /// <summary>Railway apps: each proxied process's service, as far as it got.</summary>
    public ImmutableDictionary<string, RailwayServiceRecord> RailwayServices { get; init; } =
        ImmutableDictionary<string, RailwayServiceRecord>.Empty;

    /// <summary>Instances of the proxied process on other workers, by index (1 and up; index 0 runs next to this actor).</summary>
    public ImmutableSortedDictionary<int, InstancePlacement> Instances { get; init; } = ImmutableSortedDictionary<int, InstancePlacement>.Empty;

    /// <summary>The release hooks this deployment ran or runs, by hook name (<c>pre_switch</c>, <c>post_switch</c>).</summary>
    public ImmutableSortedDictionary<string, ReleaseHookRecord> Hooks { get; init; } = ImmutableSortedDictionary<string, ReleaseHookRecord>.Empty;

    /// <summary>Restarts due but not yet done (the process exited; no launch recorded since), by process.</summary>
    public ImmutableDictionary<string, DateTimeOffset> PendingRestarts { get; init; } = ImmutableDictionary<string, DateTimeOffset>.Empty;
    public DateTimeOffset? ActivatedAt { get; init; }

    /// <summary>The canary rule while it is (or was, until promoted) a canary; null for a deployment that never was one.</summary>
    public CanarySpec? Canary { get; init; }

    /// <summary>When its promote began (<see cref="DeploymentCanaryPromoting"/>), until it is active; null otherwise.</summary>
    public DateTimeOffset? PromotingSince { get; init; }
    public DateTimeOffset? DrainStartedAt { get; init; }
    public DateTimeOffset? DrainDeadline { get; init; }

    /// <summary>The stop under way (or done): when it began, why, what follows and each process's SIGKILL time.</summary>
    public DeploymentStopStarted? Stop { get; init; }
    public DateTimeOffset? StoppedAt { get; init; }
    public string? FailureReason { get; init; }

    /// <summary>Folds one event; an event this version does not know is a bug (or a newer journal), never skipped.</summary>
    public DeploymentState Apply(IPersistedEvent @event) => @event switch
    {
        DeploymentCreated e => this with { Created = e, Phase = DeploymentPhase.Starting },
        DeploymentPortsAllocated e => this with { Ports = e.Ports },
        DeploymentProcessLaunched e => this with { Launched = Launched.SetItem(e.ProcessId, e), PendingRestarts = PendingRestarts.Remove(e.ProcessId) },
        DeploymentProcessSurvived e => this with { Survivors = Survivors.SetItem(e.ProcessId, e.Survivors) },
        DeploymentActivated e => this with { Phase = DeploymentPhase.Active, ActivatedAt = e.At, Canary = null, PromotingSince = null },
        DeploymentCanaryStarted e => this with { Phase = DeploymentPhase.Canary, ActivatedAt = e.At, Canary = e.ToSpec() },
        DeploymentCanaryPromoting e => this with { PromotingSince = e.At },
        DeploymentDrainStarted e => this with { Phase = DeploymentPhase.Draining, DrainStartedAt = e.At, DrainDeadline = e.Deadline, PromotingSince = null },
        DeploymentStopStarted e => this with
        {
            Phase = e.Then == DeploymentPhase.Failed ? DeploymentPhase.Failing : DeploymentPhase.Stopping,
            Stop = e,
            PendingRestarts = ImmutableDictionary<string, DateTimeOffset>.Empty,
        },
        DeploymentRetired e => this with { Phase = DeploymentPhase.Retired, StoppedAt = e.At },
        DeploymentFailed e => this with { Phase = DeploymentPhase.Failed, StoppedAt = e.At, FailureReason = e.Reason },
        DeploymentProcessUnhealthy => this,
        DeploymentProcessRestarted => this,
        DeploymentRailwayServiceRecorded e => this with { RailwayServices = RailwayServices.SetItem(e.ProcessId, e.Service) },
        DeploymentInstancePlaced e => this with { Instances = Instances.SetItem(e.Placement.Index, e.Placement) },
        DeploymentHookStarted e => this with { Hooks = Hooks.SetItem(e.Hook, new ReleaseHookRecord(e.Hook, e.Command, e.At, null, null, null)) },
        DeploymentHookFinished e when Hooks.TryGetValue(e.Hook, out var hook) => this with
        {
            Hooks = Hooks.SetItem(e.Hook, hook with { FinishedAt = e.At, Outcome = e.Outcome, Detail = e.Detail }),
        },
        DeploymentHookFinished => this,
        DeploymentProcessRestartScheduled e => this with { PendingRestarts = PendingRestarts.SetItem(e.ProcessId, e.RestartAt) },
        _ => throw new ArgumentException($"a deployment does not know the event {@event.GetType().Name}", nameof(@event)),
    };

    /// <summary>Time left until the drain deadline, never negative; null when not draining.</summary>
    public TimeSpan? DrainTimeLeft(DateTimeOffset now) =>
        DrainDeadline is { } deadline ? DeploymentDecisions.TimeLeft(deadline, now) : null;
}

/// <summary>One release hook of a deployment: running while <see cref="Outcome"/> is null.</summary>
public sealed record ReleaseHookRecord(string Hook, string Command, DateTimeOffset StartedAt, DateTimeOffset? FinishedAt, string? Outcome, string? Detail)
{
    public const string Succeeded = "succeeded";
    public const string Failed = "failed";
    public const string Interrupted = "interrupted";
    public const string Running = "running";

    public bool IsRunning => Outcome is null;
}
