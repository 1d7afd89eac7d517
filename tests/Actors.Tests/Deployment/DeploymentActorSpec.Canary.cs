using Akka.Actor;
using Orchestrator.Actors.Deployment;
using Orchestrator.Actors.Routing;
using Orchestrator.Actors.Tests.Support;
using Orchestrator.Config;
using Xunit;

namespace Orchestrator.Actors.Tests.Deployment;

/// <summary>A canary across restarts: a promote cut short finishes, a rolled-back canary drains, the replaced one waits.</summary>
public sealed partial class DeploymentActorSpec
{
    private static readonly CanarySpec TenPercent = new(10, null, null);

    [Fact]
    public async Task DeploymentActor_must_resume_a_promote_cut_short_by_a_restart_and_become_active()
    {
        var (canary, process) = await DeployCanaryAsync("web-2");
        canary.Tell(new PromoteCanary(_progress.Ref));
        await ExpectPhaseAsync(DeploymentPhase.Canary, DeploymentPhase.Switching);
        Assert.Null((await _routes.ExpectMsgAsync<ActivateRoute>(ProcessTimeout)).Canary);
        // The node dies before the route table answers: the journal ends in the promote's intent.
        await StopActorAsync(canary);
        AssertRunning(process);

        var recovered = Spawn("web-2");

        await ExpectPhaseAsync(DeploymentPhase.Canary, DeploymentPhase.Switching);
        var activate = await _routes.ExpectMsgAsync<ActivateRoute>(ProcessTimeout);
        Assert.Equal("web-2", activate.DeploymentId);
        Assert.Null(activate.Canary);
        _routes.Reply(RouteTableStandIn.Updated(AppName));
        await ExpectPhaseAsync(DeploymentPhase.Switching, DeploymentPhase.Active);
        var status = await StatusAsync(recovered, live: true);
        Assert.Equal(DeploymentPhase.Active, status.Phase);
        Assert.Null(status.Canary);
        Assert.Equal(process.Pid, ProcessOf(status).Pid);

        // Once active it recovers as active: the promote is not resumed a second time.
        await StopActorAsync(recovered);
        var again = Spawn("web-2");
        Assert.Null((await _routes.ExpectMsgAsync<ActivateRoute>(ProcessTimeout)).Canary);
        Assert.Equal(DeploymentPhase.Active, (await StatusAsync(again, live: true)).Phase);
        await _phases.ExpectNoMsgAsync(Brief);
        await StopAsync(again, live: true);
    }

    [Fact]
    public async Task DeploymentActor_must_drain_a_canary_the_app_rolled_back_before_a_restart_instead_of_serving_it_again()
    {
        var (canary, process) = await DeployCanaryAsync("web-2");
        await StopActorAsync(canary);

        var recovered = Spawn("web-2", AppStanding.Superseded);

        var draining = await _routes.FishForMessageAsync<RegisterDrainingRoute>(_ => true, ProcessTimeout);
        Assert.Equal("web-2", draining.DeploymentId);
        await ExpectPhaseAsync(DeploymentPhase.Canary, DeploymentPhase.Draining);
        Assert.Equal(DeploymentPhase.Draining, (await StatusAsync(recovered, live: true)).Phase);
        AssertRunning(process);
        await StopAsync(recovered, live: true);
    }

    [Fact]
    public async Task DeploymentActor_must_leave_the_route_to_a_promote_under_way_and_claim_it_back_when_told()
    {
        var (active, _, process) = await DeployActiveAsync("web-1");
        await StopActorAsync(active);

        var recovered = Spawn("web-1", AppStanding.HandingOver);

        Assert.Equal(DeploymentPhase.Active, (await StatusAsync(recovered, live: true)).Phase);
        await _routes.ExpectNoMsgAsync(Brief);
        Assert.Equal(process.Pid, ProcessOf(await StatusAsync(recovered, live: true)).Pid);

        recovered.Tell(ReclaimRoute.Instance);
        Assert.Equal("web-1", (await _routes.ExpectMsgAsync<ActivateRoute>(ProcessTimeout)).DeploymentId);
        await StopAsync(recovered, live: true);
    }

    /// <summary>Deploys the test app as a 10% canary, answering its switch; returns it and its process.</summary>
    private async Task<(IActorRef Deployment, RunningProcess Process)> DeployCanaryAsync(string deploymentId)
    {
        var deployment = Spawn(deploymentId);
        deployment.Tell(new StartDeployment(_sandbox.Plan(deploymentId, TestApp) with { Canary = TenPercent }, _progress.Ref));
        await ExpectPhaseToAsync(DeploymentPhase.Switching);
        Assert.Equal(10, (await _routes.ExpectMsgAsync<ActivateRoute>(ProcessTimeout)).Canary?.Percent);
        _routes.Reply(RouteTableStandIn.Updated(AppName));
        await ExpectPhaseAsync(DeploymentPhase.Switching, DeploymentPhase.Canary);
        Assert.Equal(DeployProgressed.Succeeded, (await ExpectFinalProgressAsync()).Kind);
        var status = await StatusAsync(deployment, live: true);
        Assert.Equal("10%", status.Canary);
        return (deployment, ProcessOf(status));
    }
}
