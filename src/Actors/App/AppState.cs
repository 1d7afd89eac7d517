using System.Collections.Immutable;
using Orchestrator.Actors.Deployment;
using Orchestrator.Actors.Persistence;

namespace Orchestrator.Actors.App;

/// <summary>An app's history as its journal tells it. Pure: <see cref="Apply"/> folds one event.</summary>
public sealed record AppState : IPersistedEvent
{
    public static readonly AppState Empty = new();
    public const string FailedOutcome = "failed";
    public const string RetiredOutcome = "retired";

    /// <summary>Every deployment still remembered, oldest first.</summary>
    public ImmutableList<string> Deployments { get; init; } = [];

    public ImmutableHashSet<string> Ended { get; init; } = [];
    public ImmutableHashSet<string> Failed { get; init; } = [];
    public string? ActiveDeploymentId { get; init; }
    public string? DeployInProgress { get; init; }

    /// <summary>The deployment serving as the app's canary beside the active one; null when there is none.</summary>
    public string? CanaryDeploymentId { get; init; }
    public string? Listen { get; init; }
    public AppServicesStarted? Services { get; init; }
    public ImmutableDictionary<string, AppServiceLaunched> ServicePids { get; init; } = ImmutableDictionary<string, AppServiceLaunched>.Empty;

    public AppState Apply(object @event) => @event switch
    {
        AppDeploymentStarted e => this with
        {
            // A rollback to a draining deployment starts it again: it stays where it is in the history.
            Deployments = Deployments.Contains(e.DeploymentId) ? Deployments : Deployments.Add(e.DeploymentId),
            DeployInProgress = e.DeploymentId,
        },
        AppDeploymentActivated e => this with
        {
            ActiveDeploymentId = e.DeploymentId,
            Listen = e.Listen,
            DeployInProgress = DeployInProgress == e.DeploymentId ? null : DeployInProgress,
            CanaryDeploymentId = CanaryDeploymentId == e.DeploymentId ? null : CanaryDeploymentId,
        },
        AppCanaryStarted e => this with
        {
            CanaryDeploymentId = e.DeploymentId,
            DeployInProgress = DeployInProgress == e.DeploymentId ? null : DeployInProgress,
        },
        AppCanaryRolledBack e => this with { CanaryDeploymentId = CanaryDeploymentId == e.DeploymentId ? null : CanaryDeploymentId },
        AppDeploymentEnded e => this with
        {
            CanaryDeploymentId = CanaryDeploymentId == e.DeploymentId ? null : CanaryDeploymentId,
            Ended = Ended.Add(e.DeploymentId),
            Failed = e.Outcome == FailedOutcome ? Failed.Add(e.DeploymentId) : Failed,
            ActiveDeploymentId = ActiveDeploymentId == e.DeploymentId ? null : ActiveDeploymentId,
            DeployInProgress = DeployInProgress == e.DeploymentId ? null : DeployInProgress,
        },
        AppDeploymentsPruned e => this with
        {
            Deployments = Deployments.RemoveAll(e.DeploymentIds.Contains),
            Ended = Ended.Except(e.DeploymentIds),
            Failed = Failed.Except(e.DeploymentIds),
        },
        AppStopped => this with
        {
            ActiveDeploymentId = null,
            CanaryDeploymentId = null,
            DeployInProgress = null,
            Services = null,
            ServicePids = ServicePids.Clear(),
        },
        AppServicesStarted e => this with { Services = e },
        AppServiceLaunched e => this with { ServicePids = ServicePids.SetItem(e.ProcessId, e) },
        _ => this,
    };

    /// <summary>A promote of the canary is under way: it is the deploy in progress until it is active.</summary>
    public bool PromoteInProgress => DeployInProgress is { } deploying && deploying == CanaryDeploymentId;

    /// <summary>
    /// What this journal says of <paramref name="deploymentId"/> for its recovery: the app's active deployment hands over
    /// while a promote is under way; one that is neither active, canary nor deploying was superseded (its drain may not
    /// have been recorded); the rest go by their own journal.
    /// </summary>
    public AppStanding StandingOf(string deploymentId)
    {
        if (Ended.Contains(deploymentId) || deploymentId == DeployInProgress || deploymentId == CanaryDeploymentId)
        {
            return AppStanding.AsJournaled;
        }

        if (deploymentId == ActiveDeploymentId)
        {
            return PromoteInProgress ? AppStanding.HandingOver : AppStanding.AsJournaled;
        }

        return ActiveDeploymentId is null ? AppStanding.AsJournaled : AppStanding.Superseded;
    }

    /// <summary>Ended deployments beyond the newest <paramref name="keep"/>, oldest first.</summary>
    public ImmutableArray<string> ToPrune(int keep)
    {
        var ended = Deployments.Where(Ended.Contains).ToList();
        return [.. ended.Take(Math.Max(0, ended.Count - keep))];
    }

    /// <summary>A new deployment id: <c>app-yyMMdd-HHmmss</c>, with a suffix when that second is taken.</summary>
    public string NextDeploymentId(string app, DateTimeOffset now)
    {
        var id = $"{app}-{now.UtcDateTime:yyMMdd-HHmmss}";
        var candidate = id;
        for (var n = 2; Deployments.Contains(candidate); n++)
        {
            candidate = $"{id}-{n}";
        }

        return candidate;
    }

    /// <summary>The deployment a rollback returns to: the newest non-failed one before the active one.</summary>
    public string? RollbackTarget()
    {
        var index = ActiveDeploymentId is { } active ? Deployments.IndexOf(active) : Deployments.Count;
        for (var i = index - 1; i >= 0; i--)
        {
            if (!Failed.Contains(Deployments[i]))
            {
                return Deployments[i];
            }
        }

        return null;
    }
}
