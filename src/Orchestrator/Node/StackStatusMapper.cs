using Orchestrator.Actors.Stacks;
using Orchestrator.Control.Contracts;

namespace Orchestrator.Node;

/// <summary>A stack run as the control API shows it.</summary>
internal static class StackStatusMapper
{
    public static StackRunStatus ToContract(StackRun run)
    {
        var failed = run.Steps.Where(s => s.State == StackStep.Failed).OrderBy(s => s.EndedAt).FirstOrDefault();
        return new StackRunStatus(
            run.RunId,
            run.Outcome,
            run.StartedAt,
            run.EndedAt,
            failed?.App.App,
            failed?.Reason,
            [.. run.Steps.Where(s => s.State == StackStep.Skipped).Select(s => s.App.App)],
            [.. run.Steps.Select(s => new StackAppStatus(
                s.App.App, s.State, s.DeploymentId, s.Reason, s.App.DependsOn, s.App.ReleasePath, s.App.Revision, s.Attempts, s.StartedAt, s.EndedAt))]);
    }
}
