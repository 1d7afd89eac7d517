using System.Collections.Frozen;
using Orchestrator.Actors.App;
using Orchestrator.Actors.Deployment;
using Orchestrator.Actors.Railway;
using Orchestrator.Actors.Routing;
using Orchestrator.Actors.Stacks;

namespace Orchestrator.Actors.Persistence;

/// <summary>
/// The on-disk names of events. A manifest is never reused for another shape: change an event by adding a
/// new record with a new <c>.vN</c> manifest and keep reading the old one.
/// </summary>
internal static class EventManifests
{
    private static readonly (Type Type, string Manifest)[] All =
    [
        (typeof(DeploymentCreated), "deployment-created.v1"),
        (typeof(DeploymentPortsAllocated), "deployment-ports-allocated.v1"),
        (typeof(DeploymentProcessLaunched), "deployment-process-launched.v1"),
        (typeof(DeploymentProcessSurvived), "deployment-process-survived.v1"),
        (typeof(DeploymentActivated), "deployment-activated.v1"),
        (typeof(DeploymentCanaryStarted), "deployment-canary-started.v1"),
        (typeof(DeploymentCanaryPromoting), "deployment-canary-promoting.v1"),
        (typeof(DeploymentDrainStarted), "deployment-drain-started.v1"),
        (typeof(DeploymentRetired), "deployment-retired.v1"),
        (typeof(DeploymentFailed), "deployment-failed.v1"),
        (typeof(DeploymentProcessUnhealthy), "deployment-process-unhealthy.v1"),
        (typeof(DeploymentProcessRestarted), "deployment-process-restarted.v1"),
        (typeof(DeploymentStopStarted), "deployment-stop-started.v1"),
        (typeof(DeploymentProcessRestartScheduled), "deployment-process-restart-scheduled.v1"),
        (typeof(DeploymentRailwayServiceRecorded), "deployment-railway-service-recorded.v1"),
        (typeof(DeploymentInstancePlaced), "deployment-instance-placed.v1"),
        (typeof(DeploymentHookStarted), "deployment-hook-started.v1"),
        (typeof(DeploymentHookFinished), "deployment-hook-finished.v1"),
        (typeof(RailwayDeletionRequested), "railway-deletion-requested.v1"),
        (typeof(RailwayServiceDeleted), "railway-service-deleted.v1"),
        (typeof(AppDeploymentStarted), "app-deployment-started.v1"),
        (typeof(AppDeploymentActivated), "app-deployment-activated.v1"),
        (typeof(AppDeploymentEnded), "app-deployment-ended.v1"),
        (typeof(AppCanaryStarted), "app-canary-started.v1"),
        (typeof(AppCanaryRolledBack), "app-canary-rolled-back.v1"),
        (typeof(AppDeploymentsPruned), "app-deployments-pruned.v1"),
        (typeof(AppStopped), "app-stopped.v1"),
        (typeof(AppServicesStarted), "app-services-started.v1"),
        (typeof(AppServiceLaunched), "app-service-launched.v1"),
        (typeof(RouteTableChanged), "route-table-changed.v1"),
        (typeof(AppState), "app-state-snapshot.v1"),
        (typeof(StackRunStarted), "stack-run-started.v1"),
        (typeof(StackAppDeployStarted), "stack-app-deploy-started.v1"),
        (typeof(StackAppDeploySucceeded), "stack-app-deploy-succeeded.v1"),
        (typeof(StackAppDeployFailed), "stack-app-deploy-failed.v1"),
        (typeof(StackRunEnded), "stack-run-ended.v1"),
    ];

    public static readonly FrozenDictionary<Type, string> ByType = All.ToFrozenDictionary(e => e.Type, e => e.Manifest);

    public static readonly FrozenDictionary<string, Type> ByManifest = All.ToFrozenDictionary(e => e.Manifest, e => e.Type);
}
