using System.Collections.Immutable;

namespace Orchestrator.Actors.Stacks;

/// <summary>One run of a stack as its journal tells it. Pure: <see cref="Apply"/> folds one event, the rest decides.</summary>
public sealed record StackRun(string RunId, DateTimeOffset StartedAt, ImmutableArray<StackStep> Steps)
{
    public const string Running = "running";
    public const string Succeeded = "succeeded";
    public const string Failed = "failed";

    public string Outcome { get; init; } = Running;

    public DateTimeOffset? EndedAt { get; init; }

    public bool IsRunning => Outcome == Running;

    public static StackRun Start(StackRunStarted started) =>
        new(started.RunId, started.At, [.. started.Apps.Select(a => new StackStep(a))]);

    public StackStep? Step(string app) => Steps.FirstOrDefault(s => s.App.App == app);

    /// <summary>
    /// The apps to start now: pending, everything they depend on deployed. None once an app failed: what is in flight
    /// finishes, nothing new starts. A dependency outside the run (left out with <c>--only</c>) counts as deployed.
    /// </summary>
    public ImmutableArray<StackStep> Ready() => !IsRunning || Steps.Any(s => s.State == StackStep.Failed)
        ? []
        : [.. Steps.Where(s => s.State == StackStep.Pending && s.App.DependsOn.All(d => Step(d) is null or { State: StackStep.Succeeded }))];

    /// <summary>The outcome once nothing is in flight and nothing can start; null while the run goes on.</summary>
    public string? Finished()
    {
        if (!IsRunning || Steps.Any(s => s.State == StackStep.Deploying) || !Ready().IsEmpty)
        {
            return null;
        }

        return Steps.All(s => s.State == StackStep.Succeeded) ? Succeeded : Failed;
    }

    public StackRun Apply(object @event) => @event switch
    {
        StackAppDeployStarted e when e.RunId == RunId => With(e.App, s => s with
        {
            State = StackStep.Deploying,
            DeploymentId = e.DeploymentId,
            Attempts = s.Attempts + 1,
            StartedAt = s.StartedAt ?? e.At,
        }),
        StackAppDeploySucceeded e when e.RunId == RunId => With(e.App, s => s with
        {
            State = StackStep.Succeeded,
            DeploymentId = e.DeploymentId,
            EndedAt = e.At,
        }),
        StackAppDeployFailed e when e.RunId == RunId => With(e.App, s => s with
        {
            State = StackStep.Failed,
            DeploymentId = e.DeploymentId ?? s.DeploymentId,
            Reason = e.Reason,
            EndedAt = e.At,
        }),
        StackRunEnded e when e.RunId == RunId => this with
        {
            Outcome = e.Outcome,
            EndedAt = e.At,
            Steps = [.. Steps.Select(s => s.State == StackStep.Pending ? s with { State = StackStep.Skipped } : s)],
        },
        _ => this,
    };

    private StackRun With(string app, Func<StackStep, StackStep> change) =>
        this with { Steps = [.. Steps.Select(s => s.App.App == app ? change(s) : s)] };
}

/// <summary>Where one app of a run is.</summary>
/// <param name="Attempts">How many deploys were sent: more than 1 when a daemon restart interrupted one, or a plain deploy had taken its id.</param>
public sealed record StackStep(
    StackRunApp App,
    string State = StackStep.Pending,
    string? DeploymentId = null,
    string? Reason = null,
    int Attempts = 0,
    DateTimeOffset? StartedAt = null,
    DateTimeOffset? EndedAt = null)
{
    public const string Pending = "pending";
    public const string Deploying = "deploying";
    public const string Succeeded = "succeeded";
    public const string Failed = "failed";

    /// <summary>Never started because an app failed first.</summary>
    public const string Skipped = "skipped";
}
