using Orchestrator.Actors.Deployment;
using Orchestrator.Actors.Processes;
using Orchestrator.Actors.Routing;
using Orchestrator.Actors.Tests.Support;
using Xunit;

namespace Orchestrator.Actors.Tests.Deployment;

/// <summary>The deploy itself, with a real node app: up to Active, or a failure that leaves nothing running.</summary>
public sealed partial class DeploymentActorSpec
{
    [Fact]
    public async Task DeploymentActor_must_go_through_starting_probing_and_switching_to_active_for_a_healthy_app()
    {
        var deployment = Start("web-1", TestApp);

        await ExpectPhaseAsync(DeploymentPhase.Pending, DeploymentPhase.Starting);
        await ExpectPhaseAsync(DeploymentPhase.Starting, DeploymentPhase.Probing);
        await ExpectPhaseAsync(DeploymentPhase.Probing, DeploymentPhase.Switching);
        var activate = await _routes.ExpectMsgAsync<ActivateRoute>(ProcessTimeout);
        Assert.Equal(AppName, activate.App);
        Assert.Equal("web-1", activate.DeploymentId);
        Assert.Equal(TestApp.Listen, activate.Listener.Listen);
        var destination = new Uri(Assert.Single(activate.Destinations));
        Assert.Equal($"http://127.0.0.1:{destination.Port}", activate.Destinations[0]);
        Assert.Equal("web-1", _sandbox.Ports.OwnerOf(destination.Port));
        using (var http = new HttpClient())
        {
            Assert.Equal("pong", await http.GetStringAsync(new Uri(destination, "/ping")));
        }

        await _phases.ExpectNoMsgAsync(Brief);
        _routes.Reply(RouteTableStandIn.Updated(AppName));

        await ExpectPhaseAsync(DeploymentPhase.Switching, DeploymentPhase.Active);
        var final = await ExpectFinalProgressAsync();
        Assert.Equal(DeployProgressed.Succeeded, final.Kind);
        Assert.Equal("web-1", final.DeploymentId);
        var status = await StatusAsync(deployment, live: true);
        Assert.Equal(DeploymentPhase.Active, status.Phase);
        Assert.Equal(destination.Port, status.Ports["web"]);
        Assert.Equal(ProcessState.Running, Assert.Single(status.Processes).State);

        var process = ProcessOf(status);
        await StopAsync(deployment, live: true);
        AssertNothingRuns(process, destination.Port);
    }

    [Fact]
    public async Task DeploymentActor_must_fail_without_switching_when_health_never_passes_and_stop_its_process()
    {
        var deployment = Start("web-1", TestApp with { Mode = "fail", HealthTimeout = "1s" });
        await ExpectPhaseAsync(DeploymentPhase.Pending, DeploymentPhase.Starting);
        await ExpectPhaseAsync(DeploymentPhase.Starting, DeploymentPhase.Probing);
        var probing = await StatusAsync(deployment, live: false);
        var (port, process) = (probing.Ports["web"], ProcessOf(probing));

        await ExpectPhaseAsync(DeploymentPhase.Probing, DeploymentPhase.Failing);
        var failed = await ExpectPhaseAsync(DeploymentPhase.Failing, DeploymentPhase.Failed);

        var final = await ExpectFinalProgressAsync();
        Assert.Equal(DeployProgressed.Failed, final.Kind);
        Assert.Equal(failed.Reason, final.Message);
        Assert.Contains($"health check http://127.0.0.1:{port}/ping did not pass within 1s", final.Message);
        // Under load node may not listen within the second: then the last result is the refusal, still named.
        Assert.Contains($"last result: GET http://127.0.0.1:{port}/ping", final.Message);
        await _routes.ExpectNoMsgAsync(Brief);
        AssertNothingRuns(process, port);
        var status = await StatusAsync(deployment, live: false);
        Assert.Equal(DeploymentPhase.Failed, status.Phase);
        Assert.Equal(final.Message, status.FailureReason);
    }

    [Fact]
    public async Task DeploymentActor_must_fail_with_the_process_output_when_it_exits_during_the_deploy()
    {
        var deployment = Start("web-1", TestApp with { Mode = "exit" });

        var failed = await ExpectPhaseToAsync(DeploymentPhase.Failed);

        var final = await ExpectFinalProgressAsync();
        Assert.Equal(DeployProgressed.Failed, final.Kind);
        Assert.Contains("process 'web' exited during the deploy (exit code 3)", final.Message);
        Assert.Contains(NodeTestApp.ExitLine, final.Message);
        Assert.Equal(failed.Reason, final.Message);
        await _routes.ExpectNoMsgAsync(Brief);
        Assert.Empty(SandboxProcesses.Find(_sandbox.Root));
        var status = await StatusAsync(deployment, live: false);
        Assert.Null(_sandbox.Ports.OwnerOf(status.Ports["web"]));
    }

    [Fact]
    public async Task DeploymentActor_must_fail_and_stop_its_process_when_the_route_table_refuses_the_switch()
    {
        var deployment = Start("web-1", TestApp);
        await ExpectPhaseToAsync(DeploymentPhase.Switching);
        var switching = await StatusAsync(deployment, live: false);
        var (port, process) = (switching.Ports["web"], ProcessOf(switching));
        await _routes.ExpectMsgAsync<ActivateRoute>(ProcessTimeout);

        _routes.Reply(new RouteUpdateFailed(AppName, 7, "replica node-2 rejected version 7: cannot bind 127.0.0.1:39999"));

        await ExpectPhaseAsync(DeploymentPhase.Switching, DeploymentPhase.Failing);
        var failed = await ExpectPhaseAsync(DeploymentPhase.Failing, DeploymentPhase.Failed);
        Assert.Contains("the router did not take the new route: replica node-2 rejected version 7", failed.Reason);
        var final = await ExpectFinalProgressAsync();
        Assert.Equal(DeployProgressed.Failed, final.Kind);
        Assert.Equal(failed.Reason, final.Message);
        // The switch may have reached some replicas: the deployment takes its route back.
        Assert.Equal("web-1", (await _routes.ExpectMsgAsync<RemoveRoute>(ProcessTimeout)).DeploymentId);
        AssertNothingRuns(process, port);
    }
}
