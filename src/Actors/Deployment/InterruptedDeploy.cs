namespace Orchestrator.Actors.Deployment;

/// <summary>The failure reasons of a deploy that a daemon restart cut short, not one that failed on its own.</summary>
/// <remarks>A stack run starts such an app's deploy again after the restart (see StackActor).</remarks>
public static class InterruptedDeploy
{
    public const string DuringDeploy = "the orchestrator restarted during the deploy";

    public const string BeforeStart = "its deploy was interrupted before it started (a journal failure or a daemon restart)";

    public static bool Is(string? reason) => reason is DuringDeploy or BeforeStart;
}
