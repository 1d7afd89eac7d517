using Akka.Actor;
using Orchestrator.Actors.Deployment;
using Orchestrator.Actors.Routing;
using Orchestrator.Actors.Tests.Support;
using Orchestrator.Routing;
using Xunit;

namespace Orchestrator.Actors.Tests.Deployment;

/// <summary>After Active: the drain, ended by an idle route table or by the persisted deadline.</summary>
public sealed partial class DeploymentActorSpec
{
    private static readonly ConnectionCounts Busy = new(Http: 2, WebSocket: 1, Streaming: 0);

    [Fact]
    public async Task DeploymentActor_must_drain_until_the_route_table_reports_it_idle_then_retire()
    {
        var (deployment, port, process) = await DeployActiveAsync("web-1");
        var before = DateTimeOffset.UtcNow;

        deployment.Tell(new BeginDrain("replaced by web-2"));

        Assert.Equal("replaced by web-2", (await ExpectPhaseAsync(DeploymentPhase.Active, DeploymentPhase.Draining)).Reason);
        // The table learns the deadline, so routers end the drain on time even while no daemon runs.
        var registered = await _routes.ExpectMsgAsync<RegisterDrainingRoute>(ProcessTimeout);
        Assert.Equal("web-1", registered.DeploymentId);
        Assert.InRange(registered.DrainDeadline!.Value, before + TimeSpan.FromSeconds(29), DateTimeOffset.UtcNow + TimeSpan.FromSeconds(31));
        for (var i = 0; i < 3; i++)
        {
            var poll = await _routes.ExpectMsgAsync<GetDrainStatus>(ProcessTimeout);
            Assert.Equal(("web-1", AppName), (poll.DeploymentId, poll.App));
            Assert.InRange(poll.Since, before, DateTimeOffset.UtcNow);
            _routes.Reply(new DrainStatus("web-1", Busy, Fresh: true));
        }

        await _phases.ExpectNoMsgAsync(Brief);
        AssertRunning(process);

        await _routes.ExpectMsgAsync<GetDrainStatus>(ProcessTimeout);
        _routes.Reply(new DrainStatus("web-1", ConnectionCounts.Zero, Fresh: true));

        Assert.Equal("web-1", (await _routes.FishForMessageAsync<RemoveRoute>(_ => true, ProcessTimeout)).DeploymentId);
        _routes.Reply(RouteTableStandIn.Updated(AppName));
        var retired = await ExpectPhaseAsync(DeploymentPhase.Draining, DeploymentPhase.Stopping);
        await ExpectPhaseAsync(DeploymentPhase.Stopping, DeploymentPhase.Retired);
        Assert.Contains("drained", retired.Reason);
        AssertNothingRuns(process, port);
    }

    [Fact]
    public async Task DeploymentActor_must_refuse_a_reactivation_that_arrives_once_it_is_retiring()
    {
        var (deployment, port, process) = await DeployActiveAsync("web-1");
        deployment.Tell(new BeginDrain("replaced by web-2"));
        await ExpectPhaseAsync(DeploymentPhase.Active, DeploymentPhase.Draining);
        await _routes.ExpectMsgAsync<RegisterDrainingRoute>(ProcessTimeout);
        await _routes.ExpectMsgAsync<GetDrainStatus>(ProcessTimeout);
        _routes.Reply(new DrainStatus("web-1", ConnectionCounts.Zero, Fresh: true));
        await _routes.FishForMessageAsync<RemoveRoute>(_ => true, ProcessTimeout);
        var app = CreateTestProbe();
        var progress = CreateTestProbe();

        deployment.Tell(new Reactivate(progress.Ref), app.Ref);

        var refused = await app.ExpectMsgAsync<ReactivateRefused>();
        Assert.Equal(("web-1", "retired", progress.Ref), (refused.DeploymentId, refused.Outcome, refused.Progress));
        _routes.Reply(RouteTableStandIn.Updated(AppName));
        await ExpectPhaseAsync(DeploymentPhase.Draining, DeploymentPhase.Stopping);
        await ExpectPhaseAsync(DeploymentPhase.Stopping, DeploymentPhase.Retired);
        AssertNothingRuns(process, port);
        await progress.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(200));
    }

    // The drain deadline itself is specced on virtual time: DeploymentActorVirtualTimeSpec.
}
