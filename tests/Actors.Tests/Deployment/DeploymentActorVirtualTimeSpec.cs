using System.Collections.Immutable;
using System.Diagnostics;
using Akka.Actor;
using Akka.TestKit;
using Orchestrator.Actors.Deployment;
using Orchestrator.Actors.Persistence;
using Orchestrator.Actors.Processes;
using Orchestrator.Actors.Routing;
using Orchestrator.Actors.Tests.Support;
using Orchestrator.Routing;
using Orchestrator.State;
using Xunit;

namespace Orchestrator.Actors.Tests.Deployment;

/// <summary>
/// The deployment's deadlines on Akka's TestScheduler: the spec moves the clock, so a 30 s drain and a 30 min graceful
/// stop take no real time. The deployment starts from a journal written as an earlier daemon would have left it.
/// </summary>
public sealed class DeploymentActorVirtualTimeSpec : Akka.TestKit.Xunit2.TestKit
{
    private const string AppName = "web";
    private const string Id = "web-1";
    private const int SigUsr1 = 10;

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    private readonly DeploymentSandbox _sandbox = new();
    private readonly TestProbe _routes;
    private readonly TestProbe _phases;
    private readonly List<Process> _started = [];

    public DeploymentActorVirtualTimeSpec()
        : base(VirtualTime.Config().WithFallback(PersistenceConfig.InMemory()))
    {
        _routes = CreateTestProbe("route-table");
        _phases = CreateTestProbe("parent");
    }

    private TestScheduler Clock => VirtualTime.Of(Sys);

    [Fact]
    public async Task DeploymentActor_must_retire_at_its_drain_deadline_on_the_schedulers_clock_while_connections_stay_open()
    {
        var app = new NodeTestApp(AppName, PortBlocks.Next()) with { DrainTimeout = "30s" };
        var plan = _sandbox.Plan(Id, app);
        var port = int.Parse(app.PortRange.Split('-')[0]);
        await SeedAsync(Created(plan), new DeploymentPortsAllocated(ImmutableDictionary<string, int>.Empty.Add("web", port)),
            new DeploymentActivated(Clock.Now));
        var deployment = Spawn();
        await _routes.ExpectMsgAsync<ActivateRoute>(Timeout);
        var drainStart = Clock.Now;

        deployment.Tell(new BeginDrain("replaced by web-2"));

        await ExpectPhaseAsync(DeploymentPhase.Active, DeploymentPhase.Draining);
        var poll = await FirstDrainPollAsync();
        Assert.Equal(drainStart, poll.Since);
        _routes.Reply(new DrainStatus(Id, new ConnectionCounts(Http: 2, WebSocket: 1, Streaming: 0), Fresh: true));
        Clock.Advance(drainStart + TimeSpan.FromSeconds(30) - TimeSpan.FromMilliseconds(1) - Clock.Now);
        await AssertNoRouteRemovalAsync();

        Clock.Advance(TimeSpan.FromMilliseconds(1));

        Assert.Equal(Id, (await _routes.FishForMessageAsync<RemoveRoute>(_ => true, Timeout)).DeploymentId);
        Assert.Equal(drainStart + TimeSpan.FromSeconds(30), Clock.Now);
        _routes.Reply(RouteTableStandIn.Updated(AppName));
        var stopping = await _phases.FishForMessageAsync<DeploymentPhaseChanged>(c => c.To == DeploymentPhase.Stopping, Timeout);
        Assert.Equal("drain deadline reached", stopping.Reason);
        await Clock.AdvanceUntilAsync(() => _phases.HasMessages, TimeSpan.FromMilliseconds(100), Timeout, "the retirement");
        await ExpectPhaseAsync(DeploymentPhase.Stopping, DeploymentPhase.Retired);
    }

    [Fact]
    public async Task DeploymentActor_must_finish_a_stop_recovered_ten_minutes_in_without_a_second_SIGTERM_and_SIGKILL_at_the_original_deadline()
    {
        var app = new NodeTestApp(AppName, PortBlocks.Next());
        var plan = _sandbox.Plan(Id, app);
        var signals = Path.Combine(plan.ReleasePath, "signals.log");
        var worker = StartIgnoringTerm(plan.ReleasePath);
        var ticks = ProcStat.StartTimeTicks(worker.Id)!.Value;
        var stopBegan = Clock.Now;
        PosixSignals.Signal(worker.Id, PosixSignals.SIGTERM);
        await AwaitAssertAsync(() => Assert.Equal(["TERM"], ReadLines(signals)), Timeout);
        await SeedAsync(Created(plan), new DeploymentProcessLaunched("web", worker.Id, ticks), new DeploymentActivated(stopBegan),
            new DeploymentDrainStarted(stopBegan, stopBegan),
            new DeploymentStopStarted(stopBegan, "drained: no open connections", DeploymentPhase.Retired,
                ImmutableDictionary<string, DateTimeOffset>.Empty.Add("web", stopBegan + TimeSpan.FromMinutes(30))));
        Clock.Advance(TimeSpan.FromMinutes(10));

        var deployment = Spawn();

        deployment.Tell(GetDeploymentStatus.Instance, TestActor);
        var status = await ExpectMsgAsync<DeploymentStatusView>(Timeout);
        Assert.Equal(DeploymentPhase.Stopping, status.Phase);
        Assert.Equal((worker.Id, ProcessState.Stopping), (Assert.Single(status.Processes).Pid, status.Processes[0].State));
        PosixSignals.Signal(worker.Id, SigUsr1);
        await AwaitAssertAsync(() => Assert.Equal(["TERM", "USR1"], ReadLines(signals)), Timeout);
        Clock.Advance(TimeSpan.FromMinutes(20) - TimeSpan.FromSeconds(1));
        Assert.True(ProcStat.IsSameProcess(worker.Id, ticks), "SIGKILLed before the deadline persisted before the restart");

        await Clock.AdvanceUntilAsync(() => _phases.HasMessages, TimeSpan.FromMilliseconds(200), Timeout, "the stop to finish");

        var retired = await ExpectPhaseAsync(DeploymentPhase.Stopping, DeploymentPhase.Retired);
        Assert.Equal("drained: no open connections", retired.Reason);
        Assert.False(ProcStat.IsSameProcess(worker.Id, ticks), "still runs after its stop deadline");
        Assert.Equal(["TERM", "USR1"], ReadLines(signals));
    }

    [Fact]
    public async Task DeploymentActor_must_switch_soon_after_a_failed_probe_instead_of_a_whole_interval_later()
    {
        var app = new NodeTestApp(AppName, PortBlocks.Next()) with { Mode = "warming", HealthInterval = "1h", HealthTimeout = "2h" };
        var progress = CreateTestProbe("progress");
        var deployment = Spawn();
        deployment.Tell(new StartDeployment(_sandbox.Plan(Id, app), progress.Ref));
        await progress.FishForMessageAsync<DeployProgressed>(p => p.Message.StartsWith("probing", StringComparison.Ordinal), Timeout);
        var probingSince = Clock.Now;

        // The first probe finds the app listening but answering 503; the next must not wait the hour-long interval.
        await Clock.AdvanceUntilAsync(() => _routes.HasMessages, Defaults.HealthFirstRetry, Timeout, "the switch after the app turned healthy");

        Assert.Equal(Id, (await _routes.ExpectMsgAsync<ActivateRoute>(Timeout)).DeploymentId);
        Assert.True(Clock.Now - probingSince < TimeSpan.FromHours(1), $"switched {Clock.Now - probingSince} into probing");
        var healthy = await progress.FishForMessageAsync<DeployProgressed>(p => p.Message.StartsWith("healthy", StringComparison.Ordinal), Timeout);
        Assert.Contains("200", healthy.Message, StringComparison.Ordinal);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            foreach (var process in _started)
            {
                process.Kill(entireProcessTree: true);
                process.Dispose();
            }

            PersistenceConfig.DeleteSnapshots(Sys);
            _sandbox.Dispose();
        }
    }

    private static DeploymentCreated Created(DeploymentPlan plan) =>
        new(plan.DeploymentId, plan.App, plan.ReleasePath, plan.Revision, plan.ConfigToml, plan.ConfigPath, DateTimeOffset.UnixEpoch);

    private static string[] ReadLines(string path) => File.Exists(path) ? File.ReadAllLines(path) : [];

    private Task SeedAsync(params IPersistedEvent[] events) => JournalSeeds.WriteAsync(Sys, "deployment-" + Id, events);

    private IActorRef Spawn() =>
        Sys.ActorOf(ForwardingParent.Props(DeploymentActor.Props(Id, _sandbox.Services(_routes.Ref)), Id, _phases.Ref));

    /// <summary>A process in a session of its own (as the daemon starts them) that ignores SIGTERM and logs each signal.</summary>
    private Process StartIgnoringTerm(string directory)
    {
        var process = Process.Start(new ProcessStartInfo("setsid")
        {
            ArgumentList =
            {
                "sh", "-c",
                "trap 'echo TERM >> signals.log' TERM; trap 'echo USR1 >> signals.log' USR1; echo ready > ready.flag; while true; do sleep 0.05; done",
            },
            WorkingDirectory = directory,
        })!;
        _started.Add(process);
        var ready = Path.Combine(directory, "ready.flag");
        SpinWait.SpinUntil(() => File.Exists(ready), Timeout);
        return process;
    }

    /// <summary>
    /// Advances the clock a drain check at a time until the first poll comes: the phase is published inside the
    /// handler that then arms the drain's timers, so one advance may land before they exist.
    /// </summary>
    private async Task<GetDrainStatus> FirstDrainPollAsync()
    {
        var until = DateTime.UtcNow + Timeout;
        while (DateTime.UtcNow < until)
        {
            while (_routes.HasMessages)
            {
                if (await _routes.ExpectMsgAsync<object>(Timeout) is GetDrainStatus poll)
                {
                    return poll;
                }
            }

            Clock.Advance(TimeSpan.FromMilliseconds(200));
            await Task.Delay(10);
        }

        throw new TimeoutException($"no drain poll within {Timeout} of real time");
    }

    private async Task AssertNoRouteRemovalAsync()
    {
        while (_routes.HasMessages)
        {
            var command = await _routes.ExpectMsgAsync<IRouteTableCommand>(Timeout);
            Assert.IsNotType<RemoveRoute>(command);
        }
    }

    private async Task<DeploymentPhaseChanged> ExpectPhaseAsync(DeploymentPhase from, DeploymentPhase to)
    {
        var changed = await _phases.FishForMessageAsync<DeploymentPhaseChanged>(c => c.To == to, Timeout);
        Assert.Equal((from, to), (changed.From, changed.To));
        return changed;
    }
}
