using Orchestrator.Control.Contracts;

namespace Orchestrator.Control;

/// <summary>What the control API can ask of the node. The HTTP layer maps routes onto it, nothing more.</summary>
public partial interface IControlPlane
{
    /// <summary>Progress of the deploy; the last item is final (succeeded or failed).</summary>
    IAsyncEnumerable<DeployProgress> DeployAsync(DeployRequest request, CancellationToken cancellationToken);

    /// <summary>Progress of the rollback; the last item is final.</summary>
    IAsyncEnumerable<DeployProgress> RollbackAsync(RollbackRequest request, CancellationToken cancellationToken);

    /// <summary>Progress of the promote of the app's canary; the last item is final.</summary>
    IAsyncEnumerable<DeployProgress> PromoteAsync(PromoteRequest request, CancellationToken cancellationToken);

    Task<StatusResponse> StatusAsync(string? app, CancellationToken cancellationToken);

    /// <summary>Stops the app's deployments and services; the router answers 503 afterwards.</summary>
    Task<CommandResult> StopAsync(StopRequest request, CancellationToken cancellationToken);

    /// <summary>The last lines, then (when following) new lines until cancelled.</summary>
    IAsyncEnumerable<LogLine> LogsAsync(LogsRequest request, CancellationToken cancellationToken);

    /// <summary>Stops every app this node hosts (in a cluster of one, every app), then the node.</summary>
    Task<CommandResult> ShutdownAsync(CancellationToken cancellationToken);

    /// <summary>The cluster's members as this node sees them, each with the apps it hosts.</summary>
    Task<ClusterStatus> ClusterAsync(CancellationToken cancellationToken);

    /// <summary>Marks another node down: the cluster stops waiting for it and its apps move to other nodes.</summary>
    Task<CommandResult> DownAsync(DownRequest request, CancellationToken cancellationToken);

    /// <summary>A member leaves gracefully: its shards are handed off and its daemon exits 0. This node's own address is allowed.</summary>
    Task<CommandResult> LeaveAsync(LeaveRequest request, CancellationToken cancellationToken);

    /// <summary>This node joins the cluster of a seed node.</summary>
    Task<CommandResult> JoinAsync(JoinRequest request, CancellationToken cancellationToken);

    /// <summary>Marks down every member this node sees unreachable.</summary>
    Task<DownUnreachableResult> DownUnreachableAsync(CancellationToken cancellationToken);

    /// <summary>The current members as events, then each membership, reachability and leader change until cancelled.</summary>
    IAsyncEnumerable<ClusterEvent> ClusterEventsAsync(CancellationToken cancellationToken);

    /// <summary>Every deployment of every app across the cluster, with the node hosting it.</summary>
    Task<DeploymentsResponse> DeploymentsAsync(CancellationToken cancellationToken);

    /// <summary>Hands the data plane over to a new router process (<c>orch router restart</c>).</summary>
    Task<RouterRestartResult> RestartRouterAsync(CancellationToken cancellationToken);

    /// <summary>Progress of a new deployment of what an earlier one runs (default: the active one); the last item is final.</summary>
    IAsyncEnumerable<DeployProgress> RedeployAsync(RedeployRequest request, CancellationToken cancellationToken);

    /// <summary>Stops one deployment that is not active now, cutting its drain short; a Railway one's service is deleted.</summary>
    Task<CommandResult> RemoveAsync(RemoveRequest request, CancellationToken cancellationToken);

    /// <summary>The app's Railway baseline, the janitor's queue and the services with its prefix that nobody knows.</summary>
    Task<RailwayStatusResponse> RailwayStatusAsync(RailwayStatusRequest request, CancellationToken cancellationToken);

    DaemonInfo Info { get; }
}
