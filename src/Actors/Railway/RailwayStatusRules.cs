using Orchestrator.Railway;

namespace Orchestrator.Actors.Railway;

/// <summary>What one of Railway's deployment statuses means for a deploy that waits for it: keep waiting (for at most how long), serve, or fail.</summary>
internal abstract record RailwayStatusOutcome
{
    private RailwayStatusOutcome()
    {
    }

    /// <summary>Not there yet. A deploy stuck in this status for <paramref name="Limit"/> fails, naming the status and <paramref name="Advice"/>.</summary>
    public sealed record Wait(TimeSpan Limit, string Advice) : RailwayStatusOutcome;

    /// <summary>Running: read its private address and probe it.</summary>
    public sealed record Ready : RailwayStatusOutcome;

    /// <summary>Never promoted; <paramref name="WithLogs"/>: the app ran, so its last log lines explain it.</summary>
    public sealed record Failed(string Reason, bool WithLogs) : RailwayStatusOutcome;
}

/// <summary>How long each waiting status may last before the deploy fails naming it.</summary>
internal sealed record RailwayWaitLimits(TimeSpan Queued, TimeSpan Building, TimeSpan Deploying)
{
    /// <summary>Railway's own build limit is an hour; a queue that long is a stuck project.</summary>
    public static RailwayWaitLimits For(TimeSpan healthcheckTimeout) =>
        new(TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(30), healthcheckTimeout + TimeSpan.FromSeconds(60));
}

/// <summary>Every one of Railway's 13 deployment statuses, and one this build does not know, before the deployment first serves.</summary>
internal static class RailwayStatusRules
{
    public static RailwayStatusOutcome BeforeServing(DeploymentStatus status, RailwayWaitLimits limits) => status switch
    {
        DeploymentStatus.Initializing or DeploymentStatus.Queued => new RailwayStatusOutcome.Wait(limits.Queued,
            "Railway has not started it: check the project's usage limits and other deployments in Railway's dashboard"),
        DeploymentStatus.Waiting => new RailwayStatusOutcome.Wait(limits.Queued,
            "it waits for another deployment or a dependency of the service in Railway"),
        DeploymentStatus.NeedsApproval => new RailwayStatusOutcome.Wait(limits.Queued,
            "approve the deployment in Railway's dashboard, or deploy from a source that needs no approval"),
        DeploymentStatus.Building => new RailwayStatusOutcome.Wait(limits.Building,
            "the build did not finish: see `orch railway logs` for its output"),
        DeploymentStatus.Deploying => new RailwayStatusOutcome.Wait(limits.Deploying,
            "its health check never passed: check [railway] healthcheck_path and that the app listens on $PORT"),
        DeploymentStatus.Success or DeploymentStatus.Sleeping => new RailwayStatusOutcome.Ready(),
        DeploymentStatus.Failed => new RailwayStatusOutcome.Failed(
            "Railway reports FAILED: its build or its health check failed", WithLogs: true),
        DeploymentStatus.Crashed => new RailwayStatusOutcome.Failed(
            "Railway reports CRASHED: the app exited", WithLogs: true),
        DeploymentStatus.Removing or DeploymentStatus.Removed => new RailwayStatusOutcome.Failed(
            $"Railway reports {Display(status)} before it served: it was removed outside this deploy (in Railway's dashboard or by another tool)",
            WithLogs: false),
        DeploymentStatus.Skipped => new RailwayStatusOutcome.Failed(
            "Railway reports SKIPPED: it skipped the deployment (a newer one of the service replaced it, or its watch paths saw no change)",
            WithLogs: false),
        _ => new RailwayStatusOutcome.Wait(limits.Queued,
            "this build of orch does not know the status: upgrade orch, or check the deployment in Railway's dashboard"),
    };

    /// <summary>Railway's own spelling, as its dashboard and CLI show it.</summary>
    public static string Display(DeploymentStatus status) => status switch
    {
        DeploymentStatus.NeedsApproval => "NEEDS_APPROVAL",
        DeploymentStatus.Unknown => "a status this build does not know",
        _ => status.ToString().ToUpperInvariant(),
    };
}
