using System.Collections.Immutable;
using Orchestrator.Actors.App;
using Orchestrator.Actors.Deployment;
using Orchestrator.Actors.Processes;
using Orchestrator.Actors.Stacks;
using Orchestrator.Routing;
using Xunit;

namespace Orchestrator.Actors.Tests.Stacks;

public sealed class InFlightResolutionTests
{
    private static readonly DateTimeOffset T0 = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Of_DeploymentThatWentActive_WentActive() =>
        Assert.Equal(InFlightOutcome.WentActive, InFlightResolution.Of(App(null, Deployment(DeploymentPhase.Active, activated: true)), "web-1").Outcome);

    [Fact]
    public void Of_DeploymentActivatedThenReplaced_StillWentActive() =>
        Assert.Equal(InFlightOutcome.WentActive, InFlightResolution.Of(App(null, Deployment(DeploymentPhase.Draining, activated: true)), "web-1").Outcome);

    [Fact]
    public void Of_FailedDeployment_FailedWithItsReason()
    {
        var (outcome, reason) = InFlightResolution.Of(App(null, Deployment(DeploymentPhase.Failed, reason: InterruptedDeploy.DuringDeploy)), "web-1");

        Assert.Equal(InFlightOutcome.Failed, outcome);
        Assert.Equal(InterruptedDeploy.DuringDeploy, reason);
    }

    [Fact]
    public void Of_FailedDeploymentTheAppStillCountsAsRunning_StillRunning() =>
        Assert.Equal(InFlightOutcome.StillRunning, InFlightResolution.Of(App("web-1", Deployment(DeploymentPhase.Failed, reason: "x")), "web-1").Outcome);

    [Fact]
    public void Of_ProbingDeployment_StillRunning() =>
        Assert.Equal(InFlightOutcome.StillRunning, InFlightResolution.Of(App("web-1", Deployment(DeploymentPhase.Probing)), "web-1").Outcome);

    [Fact]
    public void Of_DeploymentTheAppNeverHeardOf_NeverStarted() =>
        Assert.Equal(InFlightOutcome.NeverStarted, InFlightResolution.Of(App(null), "web-1").Outcome);

    [Fact]
    public void Of_PendingDeploymentTheAppEnded_NeverStarted() =>
        Assert.Equal(InFlightOutcome.NeverStarted, InFlightResolution.Of(App(null, Deployment(DeploymentPhase.Pending)), "web-1").Outcome);

    private static AppStatusView App(string? inProgress, params DeploymentStatusView[] deployments) =>
        new("web", "node", "127.0.0.1:8182", null, inProgress, [], [.. deployments]);

    private static DeploymentStatusView Deployment(DeploymentPhase phase, bool activated = false, string? reason = null) => new(
        "web-1", "web", "r1", phase, "/srv/web/r1", T0, activated ? T0 : null, null, null, null,
        ImmutableDictionary<string, int>.Empty, ConnectionCounts.Zero, ImmutableArray<ProcessStatusSnapshot>.Empty, reason);
}
