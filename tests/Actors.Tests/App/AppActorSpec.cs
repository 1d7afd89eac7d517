using Akka.Actor;
using Akka.TestKit;
using Orchestrator.Actors.App;
using Orchestrator.Actors.Deployment;
using Orchestrator.Actors.Routing;
using Orchestrator.Actors.Tests.Support;
using Xunit;

namespace Orchestrator.Actors.Tests.App;

/// <summary>The app above its deployments: one deploy at a time, and retention of the finished ones. Real node processes.</summary>
public sealed partial class AppActorSpec : Akka.TestKit.Xunit2.TestKit
{
    private const string AppName = "web";
    private static readonly TimeSpan ProcessTimeout = TimeSpan.FromSeconds(20);

    private readonly DeploymentSandbox _sandbox = new();
    private readonly TestProbe _routes;
    private readonly NodeTestApp _testApp = new(AppName, PortBlocks.Next());

    public AppActorSpec()
        : base(PersistenceConfig.InMemory())
    {
        _routes = CreateTestProbe("route-table");
    }

    [Fact]
    public async Task AppActor_must_refuse_a_second_deploy_while_one_is_running()
    {
        var app = Sys.ActorOf(AppActor.Props(AppName, _sandbox.Services(_routes.Ref)), AppName);
        var first = CreateTestProbe();
        var second = CreateTestProbe();

        app.Tell(_sandbox.Deploy("web-1", _testApp, first.Ref));
        app.Tell(_sandbox.Deploy("web-2", _testApp, second.Ref));

        var refused = await second.ExpectMsgAsync<DeployRefused>(ProcessTimeout);
        Assert.Contains("already running", refused.Reason);
        Assert.Contains("web-1", refused.Reason);
        Assert.NotNull(refused.Hint);

        // The running deploy is not disturbed by the refusal.
        Assert.Equal("web-1", (await _routes.ExpectMsgAsync<ActivateRoute>(ProcessTimeout)).DeploymentId);
        _routes.Reply(RouteTableStandIn.Updated(AppName));
        var final = await first.FishForMessageAsync<DeployProgressed>(p => p.IsFinal, ProcessTimeout);
        Assert.Equal(DeployProgressed.Succeeded, final.Kind);
        await second.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(200));

        await StopAppAsync(app);
    }

    [Fact]
    public async Task AppActor_must_keep_only_the_newest_finished_deployments_retention_asks_for()
    {
        _routes.SetAutoPilot(new RouteTableStandIn());
        var app = Sys.ActorOf(AppActor.Props(AppName, _sandbox.Services(_routes.Ref)), AppName);
        var keepOne = _testApp with { Keep = 1 };

        foreach (var id in new[] { "web-1", "web-2", "web-3" })
        {
            var progress = CreateTestProbe();
            app.Tell(_sandbox.Deploy(id, keepOne, progress.Ref));
            var final = await progress.FishForMessageAsync<DeployProgressed>(p => p.IsFinal, ProcessTimeout);
            Assert.True(final.Kind == DeployProgressed.Succeeded, $"{id}: {final.Message}");
        }

        // web-2 drains (idle at once) and retires after web-3 took over; then web-1 is pruned.
        await AwaitAssertAsync(
            async () =>
            {
                var status = await app.Ask<AppStatusView>(new GetAppStatus(AppName), ProcessTimeout);
                Assert.Equal("web-3", status.ActiveDeploymentId);
                Assert.Equal(["web-3", "web-2"], status.Deployments.Select(d => d.DeploymentId).ToArray());
                Assert.Equal(DeploymentPhase.Active, status.Deployments[0].Phase);
                Assert.Equal(DeploymentPhase.Retired, status.Deployments[1].Phase);
            },
            ProcessTimeout,
            TimeSpan.FromMilliseconds(200));
        Assert.Single(SandboxProcesses.Find(_sandbox.Root));

        await StopAppAsync(app);
    }

    protected override void Dispose(bool disposing)
    {
        // The actor system goes first: a live ProcessActor would restart what the sandbox kills.
        base.Dispose(disposing);
        if (disposing)
        {
            PersistenceConfig.DeleteSnapshots(Sys);
            _sandbox.Dispose();
        }
    }

    /// <summary>Stops every deployment of the app; the route table answers for itself from here on.</summary>
    private async Task StopAppAsync(IActorRef app)
    {
        _routes.SetAutoPilot(new RouteTableStandIn());
        var reply = await app.Ask<AppStopReply>(new StopApp(AppName), ProcessTimeout);
        Assert.Contains("stopped", reply.Message);
        await AwaitAssertAsync(() => Assert.Empty(SandboxProcesses.Find(_sandbox.Root)), ProcessTimeout);
    }
}
