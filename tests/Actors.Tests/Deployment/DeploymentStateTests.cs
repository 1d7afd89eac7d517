using System.Collections.Immutable;
using Orchestrator.Actors.App;
using Orchestrator.Actors.Deployment;
using Orchestrator.Actors.Persistence;
using Xunit;

namespace Orchestrator.Actors.Tests.Deployment;

public sealed class DeploymentStateTests
{
    private static readonly DateTimeOffset T0 = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private static readonly DeploymentCreated Created =
        new("web-250301-120000", "web", "/srv/web/r1", "r1", "app = \"web\"", "/srv/web/orch.toml", T0);

    [Fact]
    public void Empty_IsPendingWithNothingRecorded()
    {
        var state = DeploymentState.Empty;

        Assert.Equal(DeploymentPhase.Pending, state.Phase);
        Assert.Null(state.Created);
        Assert.Empty(state.Ports);
        Assert.Empty(state.Launched);
        Assert.Null(state.DrainTimeLeft(T0));
    }

    [Fact]
    public void Apply_FullLifecycle_WalksStartingActiveDrainingRetired()
    {
        var drainAt = T0.AddMinutes(5);
        var deadline = drainAt.AddSeconds(60);

        var created = Fold(Created);
        var active = Fold(Created, new DeploymentActivated(T0.AddSeconds(2)));
        var draining = Fold(Created, new DeploymentActivated(T0.AddSeconds(2)), new DeploymentDrainStarted(drainAt, deadline));
        var retired = Fold(
            Created,
            new DeploymentActivated(T0.AddSeconds(2)),
            new DeploymentDrainStarted(drainAt, deadline),
            new DeploymentRetired(deadline, "drained"));

        Assert.Equal(DeploymentPhase.Starting, created.Phase);
        Assert.Same(Created, created.Created);
        Assert.Equal(DeploymentPhase.Active, active.Phase);
        Assert.Equal(T0.AddSeconds(2), active.ActivatedAt);
        Assert.Equal(DeploymentPhase.Draining, draining.Phase);
        Assert.Equal(drainAt, draining.DrainStartedAt);
        Assert.Equal(deadline, draining.DrainDeadline);
        Assert.Equal(DeploymentPhase.Retired, retired.Phase);
        Assert.Equal(deadline, retired.StoppedAt);
        Assert.Null(retired.FailureReason);
    }

    [Fact]
    public void Apply_Failed_RecordsReasonAndStopTime()
    {
        var state = Fold(Created, new DeploymentFailed(T0.AddSeconds(30), "health never passed"));

        Assert.Equal(DeploymentPhase.Failed, state.Phase);
        Assert.Equal("health never passed", state.FailureReason);
        Assert.Equal(T0.AddSeconds(30), state.StoppedAt);
        Assert.Null(state.ActivatedAt);
    }

    [Fact]
    public void Apply_PortsAndLaunches_KeepPhaseAndLatestLaunchPerProcess()
    {
        var ports = ImmutableDictionary<string, int>.Empty.Add("web", 18182).Add("admin", 18183);
        var state = Fold(
            Created,
            new DeploymentPortsAllocated(ports),
            new DeploymentProcessLaunched("worker", 100, 1_000),
            new DeploymentProcessLaunched("web", 101, 1_001),
            new DeploymentProcessLaunched("worker", 200, 2_000));

        Assert.Equal(DeploymentPhase.Starting, state.Phase);
        Assert.Equal(18182, state.Ports["web"]);
        Assert.Equal(18183, state.Ports["admin"]);
        Assert.Equal(2, state.Launched.Count);
        Assert.Equal(200, state.Launched["worker"].Pid);
        Assert.Equal(2_000, state.Launched["worker"].StartTimeTicks);
        Assert.Equal(101, state.Launched["web"].Pid);
    }

    [Fact]
    public void Apply_UnknownEvent_Throws()
    {
        var state = Fold(Created);

        Assert.Throws<ArgumentException>(() => state.Apply(new AppStopped(T0)));
    }

    [Fact]
    public void Apply_StopStarted_IsStoppingOrFailingByWhatFollows()
    {
        var kill = ImmutableDictionary<string, DateTimeOffset>.Empty.Add("web", T0.AddSeconds(5));

        Assert.Equal(DeploymentPhase.Stopping, Fold(Created, new DeploymentStopStarted(T0, "drained", DeploymentPhase.Retired, kill)).Phase);
        Assert.Equal(DeploymentPhase.Failing, Fold(Created, new DeploymentStopStarted(T0, "health", DeploymentPhase.Failed, kill)).Phase);
        Assert.Equal(T0.AddSeconds(5), Fold(Created, new DeploymentStopStarted(T0, "drained", DeploymentPhase.Retired, kill)).Stop!.KillAt["web"]);
    }

    [Fact]
    public void Apply_RestartScheduled_IsPendingUntilTheNextLaunch()
    {
        var pending = Fold(Created, new DeploymentActivated(T0), new DeploymentProcessRestartScheduled("worker", T0.AddSeconds(8)));

        Assert.Equal(T0.AddSeconds(8), pending.PendingRestarts["worker"]);
        Assert.Empty(pending.Apply(new DeploymentProcessLaunched("worker", 300, 3_000)).PendingRestarts);
    }

    [Fact]
    public void DrainTimeLeft_BeforeDeadline_IsTheRemainder()
    {
        var state = Fold(Created, new DeploymentActivated(T0), new DeploymentDrainStarted(T0, T0.AddSeconds(60)));

        Assert.Equal(TimeSpan.FromSeconds(60), state.DrainTimeLeft(T0));
        Assert.Equal(TimeSpan.FromSeconds(15), state.DrainTimeLeft(T0.AddSeconds(45)));
    }

    [Theory]
    [InlineData(60)]
    [InlineData(61)]
    [InlineData(3_600)]
    public void DrainTimeLeft_AtOrPastDeadline_IsZeroNeverNegative(int secondsAfterStart)
    {
        var state = Fold(Created, new DeploymentActivated(T0), new DeploymentDrainStarted(T0, T0.AddSeconds(60)));

        Assert.Equal(TimeSpan.Zero, state.DrainTimeLeft(T0.AddSeconds(secondsAfterStart)));
    }

    [Fact]
    public void DrainTimeLeft_NeverDraining_IsNull()
    {
        var state = Fold(Created, new DeploymentActivated(T0));

        Assert.Null(state.DrainTimeLeft(T0.AddHours(1)));
    }

    [Fact]
    public void DrainTimeLeft_DeadlineWithOffset_ComparesInstants()
    {
        var deadlineInBerlin = new DateTimeOffset(2025, 3, 1, 13, 1, 0, TimeSpan.FromHours(1));
        var state = Fold(Created, new DeploymentDrainStarted(T0, deadlineInBerlin));

        Assert.Equal(TimeSpan.FromMinutes(1), state.DrainTimeLeft(T0));
    }

    private static DeploymentState Fold(params IPersistedEvent[] events) =>
        events.Aggregate(DeploymentState.Empty, (state, e) => state.Apply(e));
}
