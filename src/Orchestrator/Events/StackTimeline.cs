using Orchestrator.Actors.Stacks;

namespace Orchestrator.Events;

/// <summary>A stack's runs (<c>stack-{name}</c>): started with its apps, each app's deploy sent, active or failed, the run's end.</summary>
internal sealed class StackTimeline : ITimelineFamily
{
    public TimelineSummary? Summarize(object @event, object? previous) => @event switch
    {
        StackRunStarted e => new("stack.run-started", $"stack run {e.RunId} started: {string.Join(", ", e.Apps.Select(a => a.App))}", At: e.At),
        StackAppDeployStarted e => new("stack.app-deploy-started", $"stack run {e.RunId}: deploying {e.App} as {e.DeploymentId}", e.DeploymentId, e.At),
        StackAppDeploySucceeded e => new("stack.app-deployed", $"stack run {e.RunId}: {e.App} is active ({e.DeploymentId})", e.DeploymentId, e.At),
        StackAppDeployFailed e => new("stack.app-failed", $"stack run {e.RunId}: {e.App} failed: {e.Reason}", e.DeploymentId, e.At),
        StackRunEnded e => new("stack.run-ended", $"stack run {e.RunId} ended: {e.Outcome}", At: e.At),
        _ => null,
    };

    /// <summary>
    /// The app an event of a stack is shown under: the app it names, else <c>stack:NAME</c>; null when
    /// <paramref name="only"/> is given and the event is not about that app.
    /// </summary>
    public static string? OwnerOf(object @event, string stack, string? only)
    {
        var app = @event switch
        {
            StackAppDeployStarted e => e.App,
            StackAppDeploySucceeded e => e.App,
            StackAppDeployFailed e => e.App,
            StackRunStarted e when only is not null && e.Apps.Any(a => a.App == only) => only,
            _ => null,
        };
        return only is null ? app ?? StackOwner(stack) : app == only ? app : null;
    }

    public static string StackOwner(string stack) => "stack:" + stack;
}
