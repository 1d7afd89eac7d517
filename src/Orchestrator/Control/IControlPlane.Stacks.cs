using Orchestrator.Control.Contracts;

namespace Orchestrator.Control;

public partial interface IControlPlane
{
    /// <summary>Starts a run of the stack (refused with 409 while one runs) and answers with its id without waiting for it.</summary>
    Task<StackRunResponse> DeployStackAsync(StackDeployRequest request, CancellationToken cancellationToken);

    /// <summary>The stack's latest run, each app's state in it.</summary>
    Task<StackStatusResponse> StackStatusAsync(string stack, CancellationToken cancellationToken);
}
