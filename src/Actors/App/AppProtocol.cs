using System.Collections.Immutable;
using Akka.Actor;
using Orchestrator.Actors.Deployment;
using Orchestrator.Actors.Messaging;
using Orchestrator.Actors.Processes;
using Orchestrator.Config;

namespace Orchestrator.Actors.App;

/// <summary>Every command to an app carries its name: it is the entity id.</summary>
public interface IAppCommand
{
    string App { get; }
}

/// <summary>
/// Deploy a release. Progress (and a final succeeded/failed) goes to <see cref="Progress"/>. With <paramref name="Canary"/>
/// it serves beside the active deployment for the requests that rule picks, until <see cref="PromoteApp"/> or a rollback.
/// </summary>
public sealed record DeployApp(
    string App,
    AppConfig Config,
    string ConfigToml,
    string ConfigPath,
    string ReleasePath,
    string Revision,
    string? DeploymentId,
    IActorRef Progress,
    RailwayRelease? Railway = null,
    CanarySpec? Canary = null) : IAppCommand, IClusterMessage;

/// <summary>Make the app's canary its active deployment; the active one drains. Progress as for a deploy.</summary>
public sealed record PromoteApp(string App, IActorRef Progress) : IAppCommand, IClusterMessage;

/// <summary>Make an earlier deployment active again: at once when still draining, else by redeploying its release.</summary>
public sealed record RollbackApp(string App, string? ToDeploymentId, IActorRef Progress) : IAppCommand, IClusterMessage;

/// <summary>Deploy again what <paramref name="DeploymentId"/> runs (default: the active deployment), as a new deployment.</summary>
public sealed record RedeployApp(string App, string? DeploymentId, IActorRef Progress) : IAppCommand, IClusterMessage;

/// <summary>Stop one deployment that is not active, now, cutting its drain short; replies <see cref="DeploymentRemoveReply"/>.</summary>
public sealed record RemoveDeployment(string App, string DeploymentId, string Reason) : IAppCommand, IClusterMessage;

public sealed record DeploymentRemoveReply(bool Ok, string Message, string? Hint = null) : IClusterMessage;

/// <summary>Sent to a progress sink instead of any progress when the request is refused outright.</summary>
/// <remarks><paramref name="IdTaken"/>: refused only because the deployment id is taken (a stack then picks another).</remarks>
public sealed record DeployRefused(string Reason, string? Hint, bool IdTaken = false) : IClusterMessage;

/// <summary>Stop every deployment and service of the app; replies <see cref="AppStopReply"/>.</summary>
public sealed record StopApp(string App) : IAppCommand, IClusterMessage;

public sealed record AppStopReply(string App, string Message) : IClusterMessage;

/// <summary>Replies <see cref="AppStatusView"/>, or <see cref="AppUnavailable"/> from an app that stopped failing.</summary>
public sealed record GetAppStatus(string App) : IAppCommand, IClusterMessage;

public sealed record AppStatusView(
    string App,
    string Node,
    string? Listen,
    string? ActiveDeploymentId,
    string? DeployInProgress,
    ImmutableArray<ProcessStatusSnapshot> Services,
    ImmutableArray<DeploymentStatusView> Deployments,
    ImmutableArray<SharedDirUsage>? SharedDirs = null) : IClusterMessage;

/// <summary>One of the app's <c>shared_dirs</c> on the node that runs it: where it lives and the bytes it holds.</summary>
public sealed record SharedDirUsage(string Path, string Location, long Bytes);

/// <summary>The app's actor gave up after failing again and again (see <see cref="AppSupervisor"/>); <paramref name="Reason"/> says how.</summary>
public sealed record AppUnavailable(string App, string Reason) : IClusterMessage;
