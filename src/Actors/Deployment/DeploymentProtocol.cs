using System.Collections.Immutable;
using Akka.Actor;
using Orchestrator.Actors.Messaging;
using Orchestrator.Actors.Processes;
using Orchestrator.Actors.Routing;
using Orchestrator.Config;
using Orchestrator.Routing;

namespace Orchestrator.Actors.Deployment;

/// <summary>
/// A deploy to carry out: the parsed config travels with its text, which is what gets persisted. With
/// <paramref name="Canary"/>, the deploy ends with the deployment serving beside the active one instead of replacing it.
/// </summary>
public sealed record DeploymentPlan(
    string DeploymentId,
    string App,
    AppConfig Config,
    string ConfigToml,
    string ConfigPath,
    string ReleasePath,
    string Revision,
    RailwayRelease? Railway = null,
    CanarySpec? Canary = null);

/// <summary>From the app: run the deploy. Progress goes to <paramref name="Progress"/>, phases to the parent.</summary>
public sealed record StartDeployment(DeploymentPlan Plan, IActorRef Progress);

/// <summary>
/// From the app: another deployment took over; drain until idle or the drain deadline. A canary rolled back drains too:
/// <paramref name="Progress"/> (the rollback's) hears when the routers send none of its requests to it any more.
/// </summary>
public sealed record BeginDrain(string Reason, IActorRef? Progress = null);

/// <summary>From the app (promote): the canary becomes the active deployment; the active one drains. Progress as for a deploy.</summary>
public sealed record PromoteCanary(IActorRef Progress);

/// <summary>
/// From the app, to its active deployment: the promote that was to replace it failed, and its switch may have reached
/// the route table; register the active route again.
/// </summary>
public sealed class ReclaimRoute
{
    public static readonly ReclaimRoute Instance = new();

    private ReclaimRoute()
    {
    }
}

/// <summary>From the app: stop now, no drain (app stopped). Replies <see cref="DeploymentStopped"/>.</summary>
public sealed record StopDeployment(string Reason);

/// <summary>
/// From the app, to a deployment that has stopped: whatever it left on Railway (a service kept with <c>--keep-failed</c>)
/// goes to the janitor. Replies <see cref="App.DeploymentRemoveReply"/>.
/// </summary>
public sealed record RemoveStoppedDeployment(string Reason);

/// <summary>From the app: stop this deployment's singletons so the next one may start its own. Replies <see cref="SingletonsReleased"/>.</summary>
public sealed class ReleaseSingletons
{
    public static readonly ReleaseSingletons Instance = new();

    private ReleaseSingletons()
    {
    }
}

public sealed record SingletonsReleased(string DeploymentId);

/// <summary>From the app: the previous deployment's singletons are gone; start this one's.</summary>
public sealed class StartSingletons
{
    public static readonly StartSingletons Instance = new();

    private StartSingletons()
    {
    }
}

/// <summary>
/// From the app after its recovery, to the deployment its journal says is being deployed. The journal may hold less
/// of the deploy's end than the deployment's own (a write reported failed that landed, a daemon stopped between the
/// two): a deployment that is active, finished or never began reports that phase, so the app takes deploys again.
/// One still deploying fails on its own recovery and reports that.
/// </summary>
public sealed class ReportDeployOutcome
{
    public static readonly ReportDeployOutcome Instance = new();

    private ReportDeployOutcome()
    {
    }
}

/// <summary>From the app (rollback): a draining deployment becomes active again. Progress as for a deploy.</summary>
public sealed record Reactivate(IActorRef Progress);

/// <summary>
/// To the app, instead of a reactivation: the deployment was already stopping (its drain ended as the rollback
/// arrived). It ends with <paramref name="Outcome"/> (<c>retired</c> or <c>failed</c>); the app redeploys its release.
/// </summary>
public sealed record ReactivateRefused(string DeploymentId, string Outcome, IActorRef Progress);

/// <summary>Replies <see cref="DeploymentStatusView"/>.</summary>
public sealed class GetDeploymentStatus
{
    public static readonly GetDeploymentStatus Instance = new();

    private GetDeploymentStatus()
    {
    }
}

/// <summary>Replies the deployment's <see cref="DeploymentCreated"/>: its release, revision and config (for a redeploy).</summary>
public sealed class GetDeploymentCreated
{
    public static readonly GetDeploymentCreated Instance = new();

    private GetDeploymentCreated()
    {
    }
}

/// <summary>To the parent app: one transition of the lifecycle.</summary>
public sealed record DeploymentPhaseChanged(string DeploymentId, DeploymentPhase From, DeploymentPhase To, string Reason);

/// <summary>Reply to <see cref="StopDeployment"/>.</summary>
public sealed record DeploymentStopped(string DeploymentId);

/// <summary>To a progress sink: one step of a deploy. <see cref="IsFinal"/> ends the stream.</summary>
public sealed record DeployProgressed(string Kind, string Message, string? DeploymentId, string? Phase) : IClusterMessage
{
    public const string Step = "step";
    public const string Output = "output";
    public const string Succeeded = "succeeded";
    public const string Failed = "failed";

    public bool IsFinal => Kind is Succeeded or Failed;
}

public sealed record DeploymentStatusView(
    string DeploymentId,
    string App,
    string Revision,
    DeploymentPhase Phase,
    string ReleasePath,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ActivatedAt,
    DateTimeOffset? DrainStartedAt,
    DateTimeOffset? DrainDeadline,
    DateTimeOffset? StoppedAt,
    ImmutableDictionary<string, int> Ports,
    ConnectionCounts Connections,
    ImmutableArray<ProcessStatusSnapshot> Processes,
    string? FailureReason,
    string? Canary = null,
    ImmutableArray<ReleaseHookRecord>? Hooks = null,
    ImmutableArray<string>? SharedDirs = null);
