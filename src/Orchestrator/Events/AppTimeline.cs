using Orchestrator.Actors.App;

namespace Orchestrator.Events;

/// <summary>An app's events (<c>app-{name}</c>): deploys started, activated and ended, its baseline services, its stop.</summary>
internal sealed class AppTimeline : ITimelineFamily
{
    public TimelineSummary? Summarize(object @event, object? previous) => @event switch
    {
        AppDeploymentStarted e => new("app.deploy-started", $"deploy of {e.DeploymentId} started", e.DeploymentId, e.At),
        AppDeploymentActivated e => new("app.deployment-activated", $"{e.DeploymentId} is the active deployment" + (e.Listen is { } l ? $" on {l}" : ""), e.DeploymentId, e.At),
        AppCanaryStarted e => new("app.canary-started", $"{e.DeploymentId} serves as a canary beside the active deployment", e.DeploymentId, e.At),
        AppCanaryRolledBack e => new("app.canary-rolled-back", $"canary {e.DeploymentId} rolled back: the active deployment serves every request", e.DeploymentId, e.At),
        AppDeploymentEnded e => new("app.deployment-ended", $"{e.DeploymentId} ended: {e.Outcome}", e.DeploymentId, e.At),
        AppDeploymentsPruned e => new("app.deployments-pruned", "dropped from the history: " + string.Join(", ", e.DeploymentIds)),
        AppStopped e => new("app.stopped", "stopped", At: e.At),
        AppServicesStarted e => new("app.services-started", $"baseline services started: revision {e.Revision}", At: e.At),
        AppServiceLaunched e => new("app.service-launched", $"service {e.ProcessId} started (pid {e.Pid})"),
        _ => null,
    };
}
