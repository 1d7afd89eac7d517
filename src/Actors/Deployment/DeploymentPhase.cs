namespace Orchestrator.Actors.Deployment;

/// <summary>
/// The lifecycle of a deployment, one actor behavior per phase:
/// Pending → Starting → Probing → Switching → Active → Draining → Stopping → Retired, or Failing → Failed before Active.
/// A canary deploy goes Switching → Canary; a promote then Canary → Switching → Active, a rollback Canary → Draining.
/// What a recovered deployment resumes as is decided in <see cref="DeploymentDecisions.Resume"/>.
/// </summary>
public enum DeploymentPhase
{
    Pending,
    Starting,
    Probing,
    Switching,

    /// <summary>Serving the requests its canary rule picks, beside the active deployment, until promoted or rolled back.</summary>
    Canary,
    Active,
    Draining,

    /// <summary>Retiring: its route is removed and its processes are stopping (SIGTERM, SIGKILL at a persisted deadline).</summary>
    Stopping,
    Retired,

    /// <summary>The deploy failed: the processes it started are stopping; the previous deployment keeps serving.</summary>
    Failing,
    Failed,
}

internal static class DeploymentPhaseExtensions
{
    /// <summary>Phases whose processes serve and which a restarted node must bring back.</summary>
    public static bool IsLive(this DeploymentPhase phase) => phase is DeploymentPhase.Active or DeploymentPhase.Canary or DeploymentPhase.Draining;

    /// <summary>Phases of a deploy still under way.</summary>
    public static bool IsDeploying(this DeploymentPhase phase) =>
        phase is DeploymentPhase.Pending or DeploymentPhase.Starting or DeploymentPhase.Probing or DeploymentPhase.Switching;

    /// <summary>Phases whose processes are being stopped; a restarted node finishes the stop.</summary>
    public static bool IsStopping(this DeploymentPhase phase) => phase is DeploymentPhase.Stopping or DeploymentPhase.Failing;

    public static bool IsFinished(this DeploymentPhase phase) => phase is DeploymentPhase.Retired or DeploymentPhase.Failed;

    public static string ToDisplay(this DeploymentPhase phase) => phase.ToString().ToLowerInvariant();
}
