using System.Collections.Immutable;
using Orchestrator.Actors.Processes;

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
    public DateTimeOffset? ActivatedAt { get; init; }
    public DateTimeOffset? DrainStartedAt { get; init; }
    public DateTimeOffset? DrainDeadline { get; init; }
    public DateTimeOffset? StoppedAt { get; init; }
    public string? FailureReason { get; init; }

    public DeploymentState Apply(object @event) => @event switch
    {
        DeploymentCreated e => this with { Created = e, Phase = DeploymentPhase.Starting },
        DeploymentPortsAllocated e => this with { Ports = e.Ports },
        DeploymentProcessLaunched e => this with { Launched = Launched.SetItem(e.ProcessId, e) },
        DeploymentProcessSurvived e => this with { Survivors = Survivors.SetItem(e.ProcessId, e.Survivors) },
        DeploymentActivated e => this with { Phase = DeploymentPhase.Active, ActivatedAt = e.At },
        DeploymentDrainStarted e => this with { Phase = DeploymentPhase.Draining, DrainStartedAt = e.At, DrainDeadline = e.Deadline },
        DeploymentRetired e => this with { Phase = DeploymentPhase.Retired, StoppedAt = e.At },
        DeploymentFailed e => this with { Phase = DeploymentPhase.Failed, StoppedAt = e.At, FailureReason = e.Reason },
        _ => this,
    };

    /// <summary>Time left until the drain deadline, never negative; null when not draining.</summary>
    public TimeSpan? DrainTimeLeft(DateTimeOffset now) =>
        DrainDeadline is { } deadline ? (deadline > now ? deadline - now : TimeSpan.Zero) : null;
}
