using System.Collections.Frozen;
using Orchestrator.Actors.App;
using Orchestrator.Actors.Deployment;
using Orchestrator.Actors.Hosts;
using Orchestrator.Actors.Routing;
using Orchestrator.Actors.Stacks;
using Orchestrator.Routing;

namespace Orchestrator.Actors.Messaging;

/// <summary>
/// The wire names of the messages nodes exchange. Nodes of two versions may meet during a rolling upgrade:
/// change a message's shape by adding a new record under a new <c>.vN</c> name.
/// </summary>
internal static class ClusterMessageManifests
{
    private static readonly (Type Type, string Manifest)[] All =
    [
        (typeof(DeployApp), "deploy-app.v1"),
        (typeof(RollbackApp), "rollback-app.v1"),
        (typeof(PromoteApp), "promote-app.v1"),
        (typeof(StopApp), "stop-app.v1"),
        (typeof(AppStopReply), "app-stop-reply.v1"),
        (typeof(GetAppStatus), "get-app-status.v1"),
        (typeof(RedeployApp), "redeploy-app.v1"),
        (typeof(RemoveDeployment), "remove-deployment.v1"),
        (typeof(DeploymentRemoveReply), "deployment-remove-reply.v1"),
        (typeof(AppStatusView), "app-status-view.v1"),
        (typeof(AppUnavailable), "app-unavailable.v1"),
        (typeof(DeployRefused), "deploy-refused.v1"),
        (typeof(DeployProgressed), "deploy-progressed.v1"),
        (typeof(ActivateRoute), "activate-route.v1"),
        (typeof(RegisterDrainingRoute), "register-draining-route.v1"),
        (typeof(RemoveRoute), "remove-route.v1"),
        (typeof(ClearRoutes), "clear-routes.v1"),
        (typeof(RouteUpdated), "route-updated.v1"),
        (typeof(RouteUpdateFailed), "route-update-failed.v1"),
        (typeof(GetDrainStatus), "get-drain-status.v1"),
        (typeof(DrainStatus), "drain-status.v1"),
        (typeof(GetRouteTable), "get-route-table.v1"),
        (typeof(RouteTable), "route-table.v1"),
        (typeof(RouteTablePublished), "route-table-published.v1"),
        (typeof(RouteTableApplied), "route-table-applied.v1"),
        (typeof(RouteTableRejected), "route-table-rejected.v1"),
        (typeof(ConnectionCountsReport), "connection-counts-report.v1"),
        (typeof(ReplicaStarted), "replica-started.v1"),
        (typeof(GetRouterStatus), "get-router-status.v1"),
        (typeof(RouterReplicaStatus), "router-replica-status.v1"),
        (typeof(StartInstance), "start-instance.v1"),
        (typeof(InstancePortReserved), "instance-port-reserved.v1"),
        (typeof(InstanceReady), "instance-ready.v1"),
        (typeof(InstanceFailed), "instance-failed.v1"),
        (typeof(InstanceRelaunched), "instance-relaunched.v1"),
        (typeof(StopInstance), "stop-instance.v1"),
        (typeof(InstanceStopped), "instance-stopped.v1"),
        (typeof(RunStack), "run-stack.v1"),
        (typeof(StackRunAccepted), "stack-run-accepted.v1"),
        (typeof(StackRunRefused), "stack-run-refused.v1"),
        (typeof(GetStackStatus), "get-stack-status.v1"),
        (typeof(StackStatusView), "stack-status-view.v1"),
    ];

    public static readonly FrozenDictionary<Type, string> ByType = All.ToFrozenDictionary(e => e.Type, e => e.Manifest);

    public static readonly FrozenDictionary<string, Type> ByManifest = All.ToFrozenDictionary(e => e.Manifest, e => e.Type);
}
