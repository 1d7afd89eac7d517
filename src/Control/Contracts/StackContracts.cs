using System.Collections.Immutable;

namespace Orchestrator.Control.Contracts;

/// <summary>POST /v1/stacks/deploy: a run of the stack's apps in dependency order. Answers <see cref="StackRunResponse"/> at once.</summary>
/// <param name="Apps">The apps to deploy, in the stack file's order; with <c>--only</c>, only those (dependencies on others dropped).</param>
public sealed record StackDeployRequest(string Stack, string StackPath, ImmutableArray<StackDeployApp> Apps);

/// <summary>One app of a stack run: its config as text (the daemon validates what the user wrote) and its release.</summary>
public sealed record StackDeployApp(
    string App,
    string ConfigToml,
    string ConfigPath,
    string ReleasePath,
    string Revision,
    ImmutableArray<string> DependsOn);

/// <summary>The run was accepted: follow it with GET /v1/stacks/status.</summary>
public sealed record StackRunResponse(string Stack, string RunId);

/// <summary>GET /v1/stacks/status?stack=NAME: the stack's latest run, null when it never ran.</summary>
public sealed record StackStatusResponse(string Stack, StackRunStatus? Run);

public static class StackRunOutcomes
{
    public const string Running = "running";
    public const string Succeeded = "succeeded";
    public const string Failed = "failed";
}

public static class StackAppStates
{
    public const string Pending = "pending";
    public const string Deploying = "deploying";
    public const string Succeeded = "succeeded";
    public const string Failed = "failed";
    public const string Skipped = "skipped";
}

/// <param name="Outcome">One of <see cref="StackRunOutcomes"/>.</param>
/// <param name="FailedApp">The app that failed (the first, when two in parallel did), null unless the run failed.</param>
/// <param name="Failure">Why <paramref name="FailedApp"/> failed.</param>
/// <param name="Skipped">The apps never started because an app failed first.</param>
public sealed record StackRunStatus(
    string RunId,
    string Outcome,
    DateTimeOffset StartedAt,
    DateTimeOffset? EndedAt,
    string? FailedApp,
    string? Failure,
    ImmutableArray<string> Skipped,
    ImmutableArray<StackAppStatus> Apps)
{
    public bool IsFinished => Outcome != StackRunOutcomes.Running;
}

/// <param name="State">One of <see cref="StackAppStates"/>.</param>
/// <param name="Attempts">Deploys sent for the app in this run: 2 when a daemon restart interrupted the first.</param>
public sealed record StackAppStatus(
    string App,
    string State,
    string? DeploymentId,
    string? Reason,
    ImmutableArray<string> DependsOn,
    string ReleasePath,
    string Revision,
    int Attempts,
    DateTimeOffset? StartedAt,
    DateTimeOffset? EndedAt);
