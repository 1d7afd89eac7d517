using System.Collections.Immutable;
using Orchestrator.Actors.Deployment;
using Orchestrator.Actors.Persistence;
using Xunit;

namespace Orchestrator.Actors.Tests.Deployment;

/// <summary>The deployment's pure rules, on a virtual clock: every "now" is <see cref="T0"/> plus an offset.</summary>
public sealed class DeploymentDecisionsTests
{
    private static readonly DateTimeOffset T0 = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Deadline = T0.AddSeconds(60);

    private static readonly DeploymentCreated Created =
        new("web-1", "web", "/srv/web/r1", "r1", "app = \"web\"", "/srv/web/orch.toml", T0);

    [Fact]
    public void NextProbe_AfterEachFailedProbe_WaitsTwiceAsLongUpToTheInterval()
    {
        var interval = TimeSpan.FromMilliseconds(250);

        var waits = Enumerable.Range(1, 7).Select(failed => DeploymentDecisions.NextProbe(failed, interval).TotalMilliseconds);

        Assert.Equal([10, 20, 40, 80, 160, 250, 250], waits);
    }

    [Fact]
    public void NextProbe_IntervalShorterThanTheFirstRetry_WaitsTheInterval()
    {
        var interval = TimeSpan.FromMilliseconds(5);

        Assert.Equal(interval, DeploymentDecisions.NextProbe(1, interval));
        Assert.Equal(interval, DeploymentDecisions.NextProbe(40, interval));
    }

    [Fact]
    public void NextProbe_ManyFailures_NeverWaitsLongerThanTheInterval()
    {
        var interval = TimeSpan.FromMinutes(5);

        Assert.Equal(interval, DeploymentDecisions.NextProbe(int.MaxValue, interval));
    }

    [Fact]
    public void Drain_NoChecks_EndsWhenTheConnectionsAreIdle()
    {
        var progress = DrainProgress.Begin([]);

        Assert.False(DeploymentDecisions.Drain(progress, Deadline, T0).Done);
        var verdict = DeploymentDecisions.Drain(progress.WithConnections(true), Deadline, T0.AddSeconds(1));
        Assert.Equal((true, "drained: no open connections"), (verdict.Done, verdict.Reason));
    }

    [Fact]
    public void Drain_EveryCheckIdleAndNoConnections_EndsNamingTheChecks()
    {
        var progress = DrainProgress.Begin(["worker", "mailer"]).WithConnections(true).WithAnswer("worker", true).WithAnswer("mailer", true);

        var verdict = DeploymentDecisions.Drain(progress, Deadline, T0.AddSeconds(5));

        Assert.True(verdict.Done);
        Assert.Contains("drain_check", verdict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Drain_OneCheckBusy_GoesOn()
    {
        var progress = DrainProgress.Begin(["worker", "mailer"]).WithConnections(true).WithAnswer("worker", true).WithAnswer("mailer", false);

        Assert.False(DeploymentDecisions.Drain(progress, Deadline, T0.AddSeconds(59)).Done);
    }

    [Fact]
    public void Drain_CheckNotYetAnswered_CountsAsBusy()
    {
        var progress = DrainProgress.Begin(["worker"]).WithConnections(true);

        Assert.False(DeploymentDecisions.Drain(progress, Deadline, T0).Done);
    }

    [Fact]
    public void Drain_ChecksIdleButConnectionsOpen_GoesOn()
    {
        var progress = DrainProgress.Begin(["worker"]).WithAnswer("worker", true);

        Assert.False(DeploymentDecisions.Drain(progress, Deadline, T0).Done);
    }

    [Fact]
    public void Drain_AnIdleCheckTurnedBusy_GoesOnAgain()
    {
        var progress = DrainProgress.Begin(["worker"]).WithConnections(true).WithAnswer("worker", true).WithAnswer("worker", false);

        Assert.False(DeploymentDecisions.Drain(progress, Deadline, T0).Done);
    }

    [Theory]
    [InlineData(60_000)]
    [InlineData(60_001)]
    [InlineData(3_600_000)]
    public void Drain_AtOrPastTheDeadline_EndsWhateverIsBusy(int msAfterStart)
    {
        var busy = DrainProgress.Begin(["worker"]).WithAnswer("worker", false);

        var verdict = DeploymentDecisions.Drain(busy, Deadline, T0.AddMilliseconds(msAfterStart));

        Assert.Equal((true, "drain deadline reached"), (verdict.Done, verdict.Reason));
    }

    [Fact]
    public void Drain_OneTickBeforeTheDeadline_GoesOn()
    {
        var busy = DrainProgress.Begin([]);

        Assert.False(DeploymentDecisions.Drain(busy, Deadline, Deadline.AddTicks(-1)).Done);
    }

    [Fact]
    public void TimeLeft_ComparesInstantsNeverNegative()
    {
        var inBerlin = new DateTimeOffset(2025, 3, 1, 13, 1, 0, TimeSpan.FromHours(1));

        Assert.Equal(TimeSpan.FromMinutes(1), DeploymentDecisions.TimeLeft(inBerlin, T0));
        Assert.Equal(TimeSpan.Zero, DeploymentDecisions.TimeLeft(T0, T0.AddMinutes(5)));
    }

    [Theory]
    [InlineData(DeploymentPhase.Starting, Resumption.FailInterruptedDeploy)]
    [InlineData(DeploymentPhase.Active, Resumption.Active)]
    [InlineData(DeploymentPhase.Canary, Resumption.Canary)]
    [InlineData(DeploymentPhase.Draining, Resumption.Draining)]
    [InlineData(DeploymentPhase.Stopping, Resumption.FinishStop)]
    [InlineData(DeploymentPhase.Failing, Resumption.FinishStop)]
    [InlineData(DeploymentPhase.Retired, Resumption.Finished)]
    [InlineData(DeploymentPhase.Failed, Resumption.Finished)]
    internal void Resume_EachRecordedPhase_ResumesAsItsOwnStep(DeploymentPhase phase, Resumption expected)
    {
        var state = DeploymentState.Empty.Apply(Created) with { Phase = phase };

        Assert.Equal(expected, DeploymentDecisions.Resume(state));
    }

    [Fact]
    public void Resume_ACanaryWhosePromoteBegan_FinishesThePromoteUntilItIsActive()
    {
        var promoting = new IPersistedEvent[] { Created, new DeploymentCanaryStarted(10, null, null, T0), new DeploymentCanaryPromoting(T0) }
            .Aggregate(DeploymentState.Empty, (s, e) => s.Apply(e));

        Assert.Equal(Resumption.Promote, DeploymentDecisions.Resume(promoting));
        Assert.Equal(Resumption.Promote, DeploymentDecisions.Resume(promoting, AppStanding.AsJournaled));
        Assert.Equal(Resumption.Active, DeploymentDecisions.Resume(promoting.Apply(new DeploymentActivated(T0))));
    }

    [Theory]
    [InlineData(DeploymentPhase.Active, AppStanding.HandingOver, Resumption.HandOver)]
    [InlineData(DeploymentPhase.Active, AppStanding.Superseded, Resumption.DrainSuperseded)]
    [InlineData(DeploymentPhase.Canary, AppStanding.Superseded, Resumption.DrainSuperseded)]
    [InlineData(DeploymentPhase.Canary, AppStanding.HandingOver, Resumption.Canary)]
    [InlineData(DeploymentPhase.Draining, AppStanding.Superseded, Resumption.Draining)]
    [InlineData(DeploymentPhase.Starting, AppStanding.Superseded, Resumption.FailInterruptedDeploy)]
    [InlineData(DeploymentPhase.Retired, AppStanding.HandingOver, Resumption.Finished)]
    internal void Resume_TheAppsStanding_DecidesOnlyWhatTheDeploymentsJournalMayNotKnowYet(DeploymentPhase phase, AppStanding standing, Resumption expected)
    {
        var state = DeploymentState.Empty.Apply(Created) with { Phase = phase };

        Assert.Equal(expected, DeploymentDecisions.Resume(state, standing));
    }

    [Fact]
    public void Resume_NothingRecorded_WaitsForItsStart()
    {
        Assert.Equal(Resumption.Idle, DeploymentDecisions.Resume(DeploymentState.Empty));
    }

    [Fact]
    public void Resume_TheJournalOfAStopTenMinutesIn_FinishesTheStopWithTheTwentyMinutesLeft()
    {
        var killAt = DeploymentDecisions.KillDeadlines([("worker", TimeSpan.FromMinutes(30)), ("web", TimeSpan.FromSeconds(5))], T0);
        var state = new[]
        {
            (IPersistedEvent)Created,
            new DeploymentActivated(T0),
            new DeploymentDrainStarted(T0, T0),
            new DeploymentStopStarted(T0, "drained", DeploymentPhase.Retired, killAt),
        }.Aggregate(DeploymentState.Empty, (s, e) => s.Apply(e));
        var restartedAt = T0.AddMinutes(10);

        Assert.Equal(Resumption.FinishStop, DeploymentDecisions.Resume(state));
        Assert.Equal(TimeSpan.FromMinutes(20), DeploymentDecisions.TimeLeft(state.Stop!.KillAt["worker"], restartedAt));
        Assert.Equal(TimeSpan.Zero, DeploymentDecisions.TimeLeft(state.Stop.KillAt["web"], restartedAt));
        Assert.Equal(TimeSpan.FromMinutes(20) + DeploymentDecisions.StopMargin, DeploymentDecisions.StopWait(state.Stop.KillAt, restartedAt));
    }

    [Fact]
    public void KillDeadlines_AreTheStartPlusEachGrace()
    {
        var killAt = DeploymentDecisions.KillDeadlines([("web", TimeSpan.FromSeconds(5)), ("worker", TimeSpan.FromSeconds(60))], T0);

        Assert.Equal(T0.AddSeconds(5), killAt["web"]);
        Assert.Equal(T0.AddSeconds(60), killAt["worker"]);
    }

    [Fact]
    public void StopWait_NoProcesses_IsTheMarginAlone()
    {
        Assert.Equal(DeploymentDecisions.StopMargin, DeploymentDecisions.StopWait(ImmutableDictionary<string, DateTimeOffset>.Empty, T0));
    }

    [Fact]
    public void RestartAt_PendingUntilLaunched()
    {
        var pending = DeploymentState.Empty.Apply(Created).Apply(new DeploymentProcessRestartScheduled("worker", T0.AddSeconds(30)));

        Assert.Equal(T0.AddSeconds(30), DeploymentDecisions.RestartAt(pending, "worker"));
        Assert.Null(DeploymentDecisions.RestartAt(pending, "web"));
        Assert.Null(DeploymentDecisions.RestartAt(pending.Apply(new DeploymentProcessLaunched("worker", 1, 2)), "worker"));
    }
}
