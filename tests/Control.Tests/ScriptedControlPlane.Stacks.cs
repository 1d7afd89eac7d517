using Orchestrator.Control.Contracts;

namespace Orchestrator.Control.Tests;

/// <summary>Stacks on the scripted plane: no stack ever ran.</summary>
internal sealed partial class ScriptedControlPlane
{
    public Task<StackRunResponse> DeployStackAsync(StackDeployRequest request, CancellationToken cancellationToken)
    {
        Requests.Enqueue(request);
        return Task.FromResult(new StackRunResponse(request.Stack, $"{request.Stack}-000000-000000"));
    }

    public Task<StackStatusResponse> StackStatusAsync(string stack, CancellationToken cancellationToken) =>
        Task.FromResult(new StackStatusResponse(stack, null));
}
