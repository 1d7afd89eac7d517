namespace Orchestrator.Hosting;

/// <summary>Runs one node: the actor system, the router and the control API, until cancelled or shut down.</summary>
public static class OrchestratorNode
{
    /// <summary>Returns the process exit code.</summary>
    public static Task<int> RunAsync(NodeOptions options, CancellationToken cancellationToken) =>
        throw new NotImplementedException("being built");
}
