namespace Orchestrator.Actors.Deployment;

/// <summary>
/// The lifecycle of a deployment. Every transition is decided in <see cref="DeploymentState"/>:
/// Pending → Starting → Probing → Switching → Active → Draining → Retired, or Failed before Active.
/// </summary>
public enum DeploymentPhase
{
    Pending,
    Starting,
    Probing,
    Switching,
    Active,
    Draining,
    Retired,
    Failed,
}

internal static class DeploymentPhaseExtensions
{
    /// <summary>Phases whose processes run and which a restarted node must bring back.</summary>
    public static bool IsLive(this DeploymentPhase phase) => phase is DeploymentPhase.Active or DeploymentPhase.Draining;

    /// <summary>Phases of a deploy still under way.</summary>
    public static bool IsDeploying(this DeploymentPhase phase) =>
        phase is DeploymentPhase.Pending or DeploymentPhase.Starting or DeploymentPhase.Probing or DeploymentPhase.Switching;

    public static bool IsFinished(this DeploymentPhase phase) => phase is DeploymentPhase.Retired or DeploymentPhase.Failed;

    public static string ToDisplay(this DeploymentPhase phase) => phase.ToString().ToLowerInvariant();
}
