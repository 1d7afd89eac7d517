using Orchestrator.Actors.App;
using Orchestrator.Actors.Deployment;

namespace Orchestrator.Actors.Stacks;

/// <summary>What became of a deploy a stack had sent before a restart, as its app entity now tells it.</summary>
public enum InFlightOutcome
{
    StillRunning,
    WentActive,
    Failed,

    /// <summary>The app never started it (the restart came first): it may be sent again.</summary>
    NeverStarted,
}

/// <summary>Reads a deployment's fate out of its app's status. Pure.</summary>
public static class InFlightResolution
{
    public static (InFlightOutcome Outcome, string? Reason) Of(AppStatusView app, string deploymentId)
    {
        var deployment = app.Deployments.FirstOrDefault(d => d.DeploymentId == deploymentId);
        var appStillDeploysIt = app.DeployInProgress == deploymentId;
        return deployment switch
        {
            null when appStillDeploysIt => (InFlightOutcome.StillRunning, null),
            null => (InFlightOutcome.NeverStarted, null),
            { ActivatedAt: not null } => (InFlightOutcome.WentActive, null),
            // Until the app itself has ended it, a new deploy of the app would be refused as "already running".
            _ when appStillDeploysIt => (InFlightOutcome.StillRunning, null),
            { Phase: DeploymentPhase.Failed } => (InFlightOutcome.Failed, deployment.FailureReason ?? "the deploy failed"),
            { Phase: DeploymentPhase.Pending } => (InFlightOutcome.NeverStarted, null),
            _ => (InFlightOutcome.StillRunning, null),
        };
    }
}
