using Orchestrator.Control.Client.Http;
using Orchestrator.Control.Contracts;

namespace Orchestrator.Control.Client;

internal sealed partial class ControlClient
{
    public Task<StackRunResponse> DeployStackAsync(StackDeployRequest request, CancellationToken cancellationToken) =>
        SendAsync<StackRunResponse>(new("POST", "/v1/stacks/deploy", Json(request)), cancellationToken);

    public Task<StackStatusResponse> StackStatusAsync(string stack, CancellationToken cancellationToken) =>
        SendAsync<StackStatusResponse>(new("GET", "/v1/stacks/status" + Query(("stack", stack))), cancellationToken);
}
