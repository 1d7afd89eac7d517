using Orchestrator.Actors.Stacks;
using Xunit;

namespace Orchestrator.Actors.Tests.Stacks;

public sealed class StackRunTests
{
    private static readonly DateTimeOffset T0 = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private static readonly StackRun Diamond = StackRun.Start(new StackRunStarted("s-1",
    [
        App("worker"),
        App("db", "worker"),
        App("mcp", "db"),
        App("frontend", "db"),
    ], T0));

    [Fact]
    public void Ready_AtStart_IsTheAppWithoutDependencies() => Assert.Equal(["worker"], Names(Diamond.Ready()));

    [Fact]
    public void Ready_AfterTheSharedDependencyWentActive_IsBothIndependentApps()
    {
        var run = Fold(Diamond, Started("worker"), Succeeded("worker"), Started("db"), Succeeded("db"));

        Assert.Equal(["mcp", "frontend"], Names(run.Ready()));
        Assert.Null(run.Finished());
    }

    [Fact]
    public void Failure_StartsNothingMoreAndEndsOnceTheAppInFlightEnds()
    {
        var run = Fold(Diamond, Started("worker"), Succeeded("worker"), Started("db"), Succeeded("db"), Started("mcp"), Started("frontend"),
            new StackAppDeployFailed("s-1", "mcp", "mcp-1", "health never passed", T0));

        Assert.Empty(run.Ready());
        Assert.Null(run.Finished());
        Assert.Equal(StackRun.Failed, Fold(run, Succeeded("frontend")).Finished());
    }

    [Fact]
    public void Ended_AfterAFailure_MarksTheAppsNeverStartedSkipped()
    {
        var run = Fold(Diamond, Started("worker"), Succeeded("worker"), Started("db"),
            new StackAppDeployFailed("s-1", "db", "db-1", "health never passed", T0),
            new StackRunEnded("s-1", StackRun.Failed, T0));

        Assert.False(run.IsRunning);
        Assert.Equal([StackStep.Succeeded, StackStep.Failed, StackStep.Skipped, StackStep.Skipped], run.Steps.Select(s => s.State));
    }

    [Fact]
    public void Finished_EveryAppActive_Succeeded()
    {
        var run = Fold(Diamond, Started("worker"), Succeeded("worker"), Started("db"), Succeeded("db"),
            Started("mcp"), Started("frontend"), Succeeded("mcp"), Succeeded("frontend"));

        Assert.Equal(StackRun.Succeeded, run.Finished());
    }

    [Fact]
    public void Started_Again_CountsTheAttemptAndKeepsTheNewId()
    {
        var run = Fold(Diamond, Started("worker"), new StackAppDeployStarted("s-1", "worker", "worker-2", T0));

        Assert.Equal(2, run.Step("worker")!.Attempts);
        Assert.Equal("worker-2", run.Step("worker")!.DeploymentId);
    }

    [Fact]
    public void Ready_DependencyLeftOutOfTheRun_CountsAsDeployed()
    {
        var run = StackRun.Start(new StackRunStarted("s-2", [App("frontend", "db")], T0));

        Assert.Equal(["frontend"], Names(run.Ready()));
    }

    [Fact]
    public void Apply_EventOfAnotherRun_ChangesNothing() =>
        Assert.Same(Diamond, Diamond.Apply(new StackAppDeployStarted("other", "worker", "worker-1", T0)));

    private static StackRunApp App(string name, params string[] dependsOn) =>
        new(name, $"app = \"{name}\"", $"/srv/{name}/orch.toml", $"/srv/r1/{name}", "r1", [.. dependsOn]);

    private static StackAppDeployStarted Started(string app) => new("s-1", app, app + "-1", T0);

    private static StackAppDeploySucceeded Succeeded(string app) => new("s-1", app, app + "-1", T0);

    private static StackRun Fold(StackRun run, params object[] events) => events.Aggregate(run, (r, e) => r.Apply(e));

    private static IEnumerable<string> Names(IEnumerable<StackStep> steps) => steps.Select(s => s.App.App);
}
