using Akka.Actor;
using Akka.TestKit;
using Orchestrator.Actors.App;
using Orchestrator.Actors.Deployment;
using Orchestrator.Actors.Routing;
using Orchestrator.Actors.Tests.Support;
using Orchestrator.Config;
using Xunit;

namespace Orchestrator.Actors.Tests.App;

/// <summary>A promote cut short by a restart of the app and its deployments: it finishes, and the app agrees.</summary>
public sealed partial class AppActorSpec
{
    [Fact]
    public async Task AppActor_must_finish_a_promote_cut_short_by_a_restart_with_the_previous_deployment_draining_once()
    {
        _routes.SetAutoPilot(new RouteTableStandIn());
        var app = Sys.ActorOf(AppActor.Props(AppName, _sandbox.Services(_routes.Ref)), AppName);
        await DeployOkAsync(app, "web-1", null);
        await DeployOkAsync(app, "web-2", new CanarySpec(10, null, null));
        _routes.SetAutoPilot(AutoPilot.NoAutoPilot);
        DropReceived(_routes);

        app.Tell(new PromoteApp(AppName, CreateTestProbe().Ref));
        var promote = await _routes.FishForMessageAsync<ActivateRoute>(a => a.DeploymentId == "web-2", ProcessTimeout);
        Assert.Null(promote.Canary);
        // The route table never answers: the node dies with the switch in flight.
        await WatchAsync(app);
        Sys.Stop(app);
        await ExpectTerminatedAsync(app, ProcessTimeout);
        DropReceived(_routes);
        _routes.SetAutoPilot(new RouteTableStandIn());

        var recovered = Sys.ActorOf(AppActor.Props(AppName, _sandbox.Services(_routes.Ref)), AppName);

        var sent = new List<object>();
        await _routes.FishForMessageAsync<object>(m =>
        {
            sent.Add(m);
            return m is RegisterDrainingRoute { DeploymentId: "web-1" };
        }, ProcessTimeout);
        var activations = sent.OfType<ActivateRoute>().ToList();
        Assert.All(activations, a => Assert.Equal(("web-2", null), (a.DeploymentId, a.Canary)));
        Assert.NotEmpty(activations);
        await AwaitAssertAsync(
            async () =>
            {
                var status = await recovered.Ask<AppStatusView>(new GetAppStatus(AppName), ProcessTimeout);
                Assert.Equal("web-2", status.ActiveDeploymentId);
                Assert.Null(status.DeployInProgress);
                Assert.Equal(DeploymentPhase.Active, status.Deployments.Single(d => d.DeploymentId == "web-2").Phase);
                Assert.Null(status.Deployments.Single(d => d.DeploymentId == "web-2").Canary);
                Assert.Equal(DeploymentPhase.Retired, status.Deployments.Single(d => d.DeploymentId == "web-1").Phase);
            },
            ProcessTimeout,
            TimeSpan.FromMilliseconds(200));
        Assert.Single(SandboxProcesses.Find(_sandbox.Root));

        await StopAppAsync(recovered);
    }

    private async Task DeployOkAsync(IActorRef app, string deploymentId, CanarySpec? canary)
    {
        var progress = CreateTestProbe();
        app.Tell(_sandbox.Deploy(deploymentId, _testApp, progress.Ref) with { Canary = canary });
        var final = await progress.FishForMessageAsync<DeployProgressed>(p => p.IsFinal, ProcessTimeout);
        Assert.True(final.Kind == DeployProgressed.Succeeded, $"{deploymentId}: {final.Message}");
    }

    private static void DropReceived(TestProbe probe)
    {
        while (probe.HasMessages)
        {
            probe.ReceiveOne(TimeSpan.Zero);
        }
    }
}
