using Akka.Actor;
using Akka.TestKit;
using Orchestrator.Actors.Deployment;
using Orchestrator.Actors.Routing;
using Orchestrator.Actors.Tests.Support;
using Orchestrator.Routing;
using Xunit;

namespace Orchestrator.Actors.Tests.Deployment;

/// <summary>The spec's rig: a real node app, a probe for the route table, one for the parent, one for progress.</summary>
public sealed partial class DeploymentActorSpec : Akka.TestKit.Xunit2.TestKit
{
    private const string AppName = "web";

    /// <summary>Anything that waits on a real process: generous, the machine may be busy.</summary>
    private static readonly TimeSpan ProcessTimeout = TimeSpan.FromSeconds(20);

    private static readonly TimeSpan Brief = TimeSpan.FromMilliseconds(300);

    private readonly DeploymentSandbox _sandbox = new();
    private readonly TestProbe _routes;
    private readonly TestProbe _phases;
    private readonly TestProbe _progress;

    public DeploymentActorSpec()
        : base(PersistenceConfig.InMemory())
    {
        _routes = CreateTestProbe("route-table");
        _phases = CreateTestProbe("parent");
        _progress = CreateTestProbe("progress");
        TestApp = new NodeTestApp(AppName, PortBlocks.Next());
    }

    private NodeTestApp TestApp { get; }

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

    /// <summary>A deployment actor under a parent that forwards its phase changes to the parent probe.</summary>
    private IActorRef Spawn(string deploymentId, AppStanding standing = AppStanding.AsJournaled) =>
        Sys.ActorOf(ForwardingParent.Props(DeploymentActor.Props(deploymentId, _sandbox.Services(_routes.Ref), standing), deploymentId, _phases.Ref));

    private IActorRef Start(string deploymentId, NodeTestApp app)
    {
        var deployment = Spawn(deploymentId);
        deployment.Tell(new StartDeployment(_sandbox.Plan(deploymentId, app), _progress.Ref));
        return deployment;
    }

    /// <summary>Deploys the test app up to Active, answering the switch; returns its port and process.</summary>
    private async Task<(IActorRef Deployment, int Port, RunningProcess Process)> DeployActiveAsync(string deploymentId, NodeTestApp? app = null)
    {
        var deployment = Start(deploymentId, app ?? TestApp);
        await ExpectPhaseAsync(DeploymentPhase.Pending, DeploymentPhase.Starting);
        await ExpectPhaseAsync(DeploymentPhase.Starting, DeploymentPhase.Probing);
        await ExpectPhaseAsync(DeploymentPhase.Probing, DeploymentPhase.Switching);
        await _routes.ExpectMsgAsync<ActivateRoute>(ProcessTimeout);
        _routes.Reply(RouteTableStandIn.Updated(AppName));
        await ExpectPhaseAsync(DeploymentPhase.Switching, DeploymentPhase.Active);
        Assert.Equal(DeployProgressed.Succeeded, (await ExpectFinalProgressAsync()).Kind);

        var status = await StatusAsync(deployment, live: true);
        return (deployment, status.Ports["web"], ProcessOf(status));
    }

    private async Task<DeploymentPhaseChanged> ExpectPhaseAsync(DeploymentPhase from, DeploymentPhase to)
    {
        var changed = await _phases.ExpectMsgAsync<DeploymentPhaseChanged>(ProcessTimeout);
        Assert.Equal((from, to), (changed.From, changed.To));
        return changed;
    }

    private ValueTask<DeploymentPhaseChanged> ExpectPhaseToAsync(DeploymentPhase to) =>
        _phases.FishForMessageAsync<DeploymentPhaseChanged>(c => c.To == to, ProcessTimeout);

    private ValueTask<DeployProgressed> ExpectFinalProgressAsync() =>
        _progress.FishForMessageAsync<DeployProgressed>(p => p.IsFinal, ProcessTimeout);

    /// <summary>The deployment's status; a live one asks the route table for its connections, answered here.</summary>
    private async Task<DeploymentStatusView> StatusAsync(IActorRef deployment, bool live)
    {
        var status = deployment.Ask<DeploymentStatusView>(GetDeploymentStatus.Instance, ProcessTimeout);
        if (live)
        {
            var ask = await _routes.FishForMessageAsync<GetDrainStatus>(q => q.Since == DateTimeOffset.MinValue, ProcessTimeout);
            _routes.Reply(new DrainStatus(ask.DeploymentId, ConnectionCounts.Zero, Fresh: true));
        }

        return await status;
    }

    private static RunningProcess ProcessOf(DeploymentStatusView status) =>
        RunningProcess.Of(Assert.NotNull(Assert.Single(status.Processes).Pid));

    /// <summary>What the app printed, for the message of an assertion about its process.</summary>
    private string AppOutput() =>
        string.Join("\n", Directory.GetFiles(_sandbox.Root, "*.log", SearchOption.AllDirectories).Select(f => f + ":\n" + File.ReadAllText(f)));

    private void AssertRunning(RunningProcess process) =>
        Assert.True(process.IsRunning, $"{process} no longer runs; the app printed:\n{AppOutput()}");

    /// <summary>Stops a deployment the way its app does, answering the route removal of a live one.</summary>
    private async Task StopAsync(IActorRef deployment, bool live)
    {
        deployment.Tell(new StopDeployment("spec finished"), TestActor);
        if (live)
        {
            await _routes.FishForMessageAsync<RemoveRoute>(_ => true, ProcessTimeout);
            _routes.Reply(RouteTableStandIn.Updated(AppName));
        }

        await ExpectMsgAsync<DeploymentStopped>(ProcessTimeout);
    }

    /// <summary>Stops the actor (and so its ProcessActors) but not the OS processes: what a crashed node leaves behind.</summary>
    private async Task StopActorAsync(IActorRef deployment)
    {
        await WatchAsync(deployment);
        Sys.Stop(deployment);
        await ExpectTerminatedAsync(deployment, ProcessTimeout);
    }

    private void AssertNothingRuns(RunningProcess process, int port)
    {
        Assert.False(process.IsRunning, $"{process} still runs");
        Assert.Empty(SandboxProcesses.Find(_sandbox.Root));
        Assert.Null(_sandbox.Ports.OwnerOf(port));
    }
}
