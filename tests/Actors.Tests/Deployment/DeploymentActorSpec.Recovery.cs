using Orchestrator.Actors.Deployment;
using Orchestrator.Actors.Processes;
using Orchestrator.Actors.Routing;
using Orchestrator.Actors.Tests.Support;
using Xunit;

namespace Orchestrator.Actors.Tests.Deployment;

/// <summary>A new incarnation of the actor (a restarted node) with the same id: it recovers from the journal.</summary>
public sealed partial class DeploymentActorSpec
{
    [Fact]
    public async Task DeploymentActor_must_recover_as_active_adopt_its_running_process_and_register_its_route_again()
    {
        var (deployment, port, process) = await DeployActiveAsync("web-1");
        await StopActorAsync(deployment);
        AssertRunning(process);

        var recovered = Spawn("web-1");

        var activate = await _routes.ExpectMsgAsync<ActivateRoute>(ProcessTimeout);
        Assert.Equal(("web-1", AppName), (activate.DeploymentId, activate.App));
        Assert.Equal([$"http://127.0.0.1:{port}"], activate.Destinations.ToArray());
        var status = await StatusAsync(recovered, live: true);
        Assert.Equal(DeploymentPhase.Active, status.Phase);
        var web = Assert.Single(status.Processes);
        Assert.Equal(process.Pid, web.Pid);
        Assert.Equal(ProcessState.Running, web.State);
        Assert.Equal("web-1", _sandbox.Ports.OwnerOf(port));
        Assert.Single(SandboxProcesses.Find(_sandbox.Root));

        await StopAsync(recovered, live: true);
        AssertNothingRuns(process, port);
    }

    [Fact]
    public async Task DeploymentActor_must_recover_a_deploy_cut_short_as_failed_and_stop_its_process()
    {
        var deployment = Start("web-1", TestApp);
        await _routes.ExpectMsgAsync<ActivateRoute>(ProcessTimeout);
        var switching = await StatusAsync(deployment, live: false);
        var (port, process) = (switching.Ports["web"], ProcessOf(switching));
        await StopActorAsync(deployment);
        AssertRunning(process);

        var recovered = Spawn("web-1");

        var failed = await ExpectPhaseToAsync(DeploymentPhase.Failed);
        Assert.Contains("restarted during the deploy", failed.Reason);
        // The unanswered switch may have reached the route table: the deployment takes it back.
        Assert.Equal("web-1", (await _routes.ExpectMsgAsync<RemoveRoute>(ProcessTimeout)).DeploymentId);
        AssertNothingRuns(process, port);
        var status = await StatusAsync(recovered, live: false);
        Assert.Equal(DeploymentPhase.Failed, status.Phase);
        Assert.Equal(failed.Reason, status.FailureReason);
    }
}
