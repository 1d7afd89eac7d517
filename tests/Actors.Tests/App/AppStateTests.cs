using Orchestrator.Actors.App;
using Orchestrator.Actors.Deployment;
using Xunit;

namespace Orchestrator.Actors.Tests.App;

public sealed class AppStateTests
{
    private static readonly DateTimeOffset T0 = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Apply_StartedThenActivated_RecordsActiveAndClearsInProgress()
    {
        var started = Fold(new AppDeploymentStarted("a", T0));
        var active = started.Apply(new AppDeploymentActivated("a", "127.0.0.1:8182", T0));

        Assert.Equal<string>(["a"], started.Deployments);
        Assert.Equal("a", started.DeployInProgress);
        Assert.Null(started.ActiveDeploymentId);
        Assert.Equal("a", active.ActiveDeploymentId);
        Assert.Equal("127.0.0.1:8182", active.Listen);
        Assert.Null(active.DeployInProgress);
    }

    [Fact]
    public void Apply_ActivationOfAnotherDeployment_KeepsTheRunningDeploy()
    {
        var state = Fold(
            new AppDeploymentStarted("a", T0),
            new AppDeploymentActivated("a", null, T0),
            new AppDeploymentStarted("b", T0),
            new AppDeploymentActivated("a", null, T0));

        Assert.Equal("b", state.DeployInProgress);
    }

    [Fact]
    public void Apply_FailedDeploy_EndsItAsFailedAndKeepsThePreviousActive()
    {
        var state = Fold(
            new AppDeploymentStarted("a", T0),
            new AppDeploymentActivated("a", null, T0),
            new AppDeploymentStarted("b", T0),
            new AppDeploymentEnded("b", AppState.FailedOutcome, T0));

        Assert.Equal("a", state.ActiveDeploymentId);
        Assert.Null(state.DeployInProgress);
        Assert.Contains("b", state.Ended);
        Assert.Contains("b", state.Failed);
    }

    [Fact]
    public void Apply_ActiveRetires_ClearsActiveButNotFailed()
    {
        var state = Fold(
            new AppDeploymentStarted("a", T0),
            new AppDeploymentActivated("a", null, T0),
            new AppDeploymentEnded("a", AppState.RetiredOutcome, T0));

        Assert.Null(state.ActiveDeploymentId);
        Assert.Contains("a", state.Ended);
        Assert.DoesNotContain("a", state.Failed);
    }

    [Fact]
    public void Apply_Pruned_ForgetsTheDeploymentsEverywhere()
    {
        var state = Fold(
            new AppDeploymentStarted("a", T0),
            new AppDeploymentEnded("a", AppState.FailedOutcome, T0),
            new AppDeploymentStarted("b", T0),
            new AppDeploymentActivated("b", null, T0),
            new AppDeploymentsPruned(["a"]));

        Assert.Equal<string>(["b"], state.Deployments);
        Assert.Empty(state.Ended);
        Assert.Empty(state.Failed);
        Assert.Equal("b", state.ActiveDeploymentId);
    }

    [Fact]
    public void Apply_Stopped_ClearsActiveInProgressAndServices()
    {
        var state = Fold(
            new AppDeploymentStarted("a", T0),
            new AppDeploymentActivated("a", null, T0),
            new AppServicesStarted("", "/x/orch.toml", "/x", "r1", [], T0),
            new AppServiceLaunched("redis", 42, 7),
            new AppDeploymentStarted("b", T0),
            new AppStopped(T0));

        Assert.Null(state.ActiveDeploymentId);
        Assert.Null(state.DeployInProgress);
        Assert.Null(state.Services);
        Assert.Empty(state.ServicePids);
        Assert.Equal<string>(["a", "b"], state.Deployments);
    }

    [Fact]
    public void Apply_ServiceLaunchedTwice_KeepsTheLatestPid()
    {
        var state = Fold(new AppServiceLaunched("redis", 42, 7), new AppServiceLaunched("redis", 43, 8));

        Assert.Equal(43, Assert.Single(state.ServicePids).Value.Pid);
    }

    [Fact]
    public void StandingOf_APromoteUnderWay_HandsOverTheActiveAndLetsTheCanaryResume()
    {
        var promoting = Fold(
            new AppDeploymentStarted("a", T0), new AppDeploymentActivated("a", null, T0),
            new AppDeploymentStarted("b", T0), new AppCanaryStarted("b", T0), new AppDeploymentStarted("b", T0));

        Assert.True(promoting.PromoteInProgress);
        Assert.Equal(AppStanding.HandingOver, promoting.StandingOf("a"));
        Assert.Equal(AppStanding.AsJournaled, promoting.StandingOf("b"));
    }

    [Fact]
    public void StandingOf_AfterThePromoteOrARollback_SupersedesWhatNoLongerServes()
    {
        var canary = Fold(
            new AppDeploymentStarted("a", T0), new AppDeploymentActivated("a", null, T0),
            new AppDeploymentStarted("b", T0), new AppCanaryStarted("b", T0));
        var promoted = canary.Apply(new AppDeploymentStarted("b", T0)).Apply(new AppDeploymentActivated("b", null, T0));
        var rolledBack = canary.Apply(new AppCanaryRolledBack("b", T0));

        Assert.False(canary.PromoteInProgress);
        Assert.Equal(AppStanding.AsJournaled, canary.StandingOf("a"));
        Assert.Equal(AppStanding.AsJournaled, canary.StandingOf("b"));
        Assert.Equal(AppStanding.Superseded, promoted.StandingOf("a"));
        Assert.Equal(AppStanding.AsJournaled, promoted.StandingOf("b"));
        Assert.Equal(AppStanding.Superseded, rolledBack.StandingOf("b"));
        Assert.Equal(AppStanding.AsJournaled, rolledBack.StandingOf("a"));
    }

    [Fact]
    public void StandingOf_ANormalDeployUnderWay_LeavesTheActiveToItsJournal()
    {
        var deploying = Fold(new AppDeploymentStarted("a", T0), new AppDeploymentActivated("a", null, T0), new AppDeploymentStarted("b", T0));
        var ended = deploying.Apply(new AppDeploymentEnded("b", AppState.FailedOutcome, T0));

        Assert.Equal(AppStanding.AsJournaled, deploying.StandingOf("a"));
        Assert.Equal(AppStanding.AsJournaled, deploying.StandingOf("b"));
        Assert.Equal(AppStanding.AsJournaled, ended.StandingOf("b"));
    }

    [Fact]
    public void NextDeploymentId_FreeSecond_IsAppAndUtcTimestamp()
    {
        var local = new DateTimeOffset(2025, 3, 1, 14, 5, 9, TimeSpan.FromHours(2));

        Assert.Equal("web-250301-120509", AppState.Empty.NextDeploymentId("web", local));
    }

    [Fact]
    public void NextDeploymentId_SameSecondTaken_AddsIncreasingSuffix()
    {
        var state = AppState.Empty;
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var id = state.NextDeploymentId("web", T0);
            ids.Add(id);
            state = state.Apply(new AppDeploymentStarted(id, T0));
        }

        Assert.Equal<string>(["web-250301-120000", "web-250301-120000-2", "web-250301-120000-3"], ids);
    }

    [Fact]
    public void NextDeploymentId_AnotherAppsIdOrAnotherSecond_IsNotACollision()
    {
        var state = Fold(new AppDeploymentStarted("api-250301-120000", T0), new AppDeploymentStarted("web-250301-120000", T0));

        Assert.Equal("web-250301-120001", state.NextDeploymentId("web", T0.AddSeconds(1)));
        Assert.Equal("shop-250301-120000", state.NextDeploymentId("shop", T0));
    }

    [Fact]
    public void ToPrune_MoreEndedThanKeep_ReturnsOldestEndedOnly()
    {
        var state = History(ended: ["a", "b", "c", "d"], active: "e");

        Assert.Equal<string>(["a", "b"], state.ToPrune(2));
    }

    [Fact]
    public void ToPrune_NeverIncludesActiveOrRunningDeploy()
    {
        var state = History(ended: ["a", "b"], active: "c").Apply(new AppDeploymentStarted("d", T0));

        Assert.Equal<string>(["a", "b"], state.ToPrune(0));
    }

    [Theory]
    [InlineData(3)]
    [InlineData(10)]
    public void ToPrune_KeepAtLeastEndedCount_IsEmpty(int keep)
    {
        var state = History(ended: ["a", "b", "c"], active: "d");

        Assert.Empty(state.ToPrune(keep));
    }

    [Fact]
    public void RollbackTarget_PreviousDeployment_IsTheOneBeforeTheActive()
    {
        var state = History(ended: ["a", "b"], active: "c");

        Assert.Equal("b", state.RollbackTarget());
    }

    [Fact]
    public void RollbackTarget_SkipsFailedDeployments()
    {
        var state = Fold(
            new AppDeploymentStarted("a", T0),
            new AppDeploymentActivated("a", null, T0),
            new AppDeploymentStarted("b", T0),
            new AppDeploymentEnded("b", AppState.FailedOutcome, T0),
            new AppDeploymentStarted("c", T0),
            new AppDeploymentEnded("c", AppState.FailedOutcome, T0),
            new AppDeploymentStarted("d", T0),
            new AppDeploymentActivated("d", null, T0));

        Assert.Equal("a", state.RollbackTarget());
    }

    [Fact]
    public void RollbackTarget_IgnoresDeploymentsNewerThanTheActive()
    {
        var state = Fold(
            new AppDeploymentStarted("a", T0),
            new AppDeploymentActivated("a", null, T0),
            new AppDeploymentStarted("b", T0),
            new AppDeploymentActivated("b", null, T0),
            new AppDeploymentStarted("c", T0),
            new AppDeploymentEnded("c", AppState.FailedOutcome, T0));

        Assert.Equal("a", state.RollbackTarget());
    }

    [Fact]
    public void RollbackTarget_OnlyTheActiveOrOnlyFailedBefore_IsNull()
    {
        var onlyActive = History(ended: [], active: "a");
        var onlyFailedBefore = Fold(
            new AppDeploymentStarted("a", T0),
            new AppDeploymentEnded("a", AppState.FailedOutcome, T0),
            new AppDeploymentStarted("b", T0),
            new AppDeploymentActivated("b", null, T0));

        Assert.Null(onlyActive.RollbackTarget());
        Assert.Null(onlyFailedBefore.RollbackTarget());
        Assert.Null(AppState.Empty.RollbackTarget());
    }

    [Fact]
    public void RollbackTarget_NoActive_IsTheNewestNonFailed()
    {
        var state = History(ended: ["a", "b"], active: "c").Apply(new AppStopped(T0));

        Assert.Equal("c", state.RollbackTarget());
    }

    [Fact]
    public void Apply_StartedAgainForAKnownDeployment_KeepsOneEntry()
    {
        var state = History(ended: [], active: "a")
            .Apply(new AppDeploymentStarted("b", T0))
            .Apply(new AppDeploymentActivated("b", null, T0))
            .Apply(new AppDeploymentStarted("a", T0));

        Assert.Equal<string>(["a", "b"], state.Deployments);
        Assert.Equal("a", state.DeployInProgress);
    }

    /// <summary>Deployments activated one after another, each retired by the next; the last stays active.</summary>
    private static AppState History(string[] ended, string active)
    {
        var state = AppState.Empty;
        foreach (var id in ended.Append(active))
        {
            if (state.ActiveDeploymentId is { } previous)
            {
                state = state.Apply(new AppDeploymentEnded(previous, AppState.RetiredOutcome, T0));
            }

            state = state.Apply(new AppDeploymentStarted(id, T0)).Apply(new AppDeploymentActivated(id, null, T0));
        }

        return state;
    }

    [Fact]
    public void Apply_CanaryStarted_RecordsTheCanaryEndsTheDeployAndKeepsTheActive()
    {
        var state = Fold(
            new AppDeploymentStarted("a", T0),
            new AppDeploymentActivated("a", null, T0),
            new AppDeploymentStarted("b", T0),
            new AppCanaryStarted("b", T0));

        Assert.Equal("b", state.CanaryDeploymentId);
        Assert.Equal("a", state.ActiveDeploymentId);
        Assert.Null(state.DeployInProgress);
    }

    [Fact]
    public void Apply_CanaryPromoted_MakesItActiveAndNoCanaryLeft()
    {
        var state = Fold(
            new AppDeploymentStarted("a", T0),
            new AppDeploymentActivated("a", null, T0),
            new AppDeploymentStarted("b", T0),
            new AppCanaryStarted("b", T0),
            new AppDeploymentStarted("b", T0),
            new AppDeploymentActivated("b", null, T0));

        Assert.Null(state.CanaryDeploymentId);
        Assert.Equal("b", state.ActiveDeploymentId);
        Assert.Null(state.DeployInProgress);
        Assert.Equal<string>(["a", "b"], state.Deployments);
    }

    [Fact]
    public void Apply_CanaryRolledBack_LeavesTheActiveAndNoCanary()
    {
        var state = Fold(
            new AppDeploymentStarted("a", T0),
            new AppDeploymentActivated("a", null, T0),
            new AppDeploymentStarted("b", T0),
            new AppCanaryStarted("b", T0),
            new AppCanaryRolledBack("b", T0));

        Assert.Null(state.CanaryDeploymentId);
        Assert.Equal("a", state.ActiveDeploymentId);
    }

    private static AppState Fold(params object[] events) =>
        events.Aggregate(AppState.Empty, (state, e) => state.Apply(e));
}
