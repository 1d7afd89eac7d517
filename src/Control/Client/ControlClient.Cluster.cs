using Orchestrator.Control.Contracts;

namespace Orchestrator.Control.Client;

internal sealed partial class ControlClient
{
    public Task<CommandResult> LeaveAsync(LeaveRequest request, CancellationToken cancellationToken) =>
        SendAsync<CommandResult>(new("POST", "/v1/cluster/leave", Json(request)), cancellationToken);

    public Task<CommandResult> JoinAsync(JoinRequest request, CancellationToken cancellationToken) =>
        SendAsync<CommandResult>(new("POST", "/v1/cluster/join", Json(request)), cancellationToken);

    public Task<DownUnreachableResult> DownUnreachableAsync(CancellationToken cancellationToken) =>
        SendAsync<DownUnreachableResult>(new("POST", "/v1/cluster/down-unreachable"), cancellationToken);

    /// <summary>The current members as events, then every change until cancelled.</summary>
    public IAsyncEnumerable<ClusterEvent> ClusterTailAsync(CancellationToken cancellationToken) =>
        StreamAsync<ClusterEvent>(new("GET", "/v1/cluster/tail"), cancellationToken);

    public Task<DeploymentsResponse> DeploymentsAsync(CancellationToken cancellationToken) =>
        SendAsync<DeploymentsResponse>(new("GET", "/v1/deployments"), cancellationToken);
}
