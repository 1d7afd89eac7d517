using Akka.Actor;
using Akka.TestKit;
using Orchestrator.Actors.Processes;
using Orchestrator.Actors.Tests.Support;
using Orchestrator.Config;
using Orchestrator.State;
using Xunit;

namespace Orchestrator.Actors.Tests.Processes;

/// <summary>Stop deadlines and restart times as absolute instants, on Akka's TestScheduler: no spec waits for them in real time.</summary>
public sealed class ProcessActorVirtualTimeSpec : Akka.TestKit.Xunit2.TestKit
{
    private const int SigUsr1 = 10;

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    /// <summary>Ignores SIGTERM but writes one line per SIGTERM (and per SIGUSR1, a marker) to <c>signals.log</c>.</summary>
    private const string IgnoresTerm =
        "sh -c 'trap \"echo TERM >> signals.log\" TERM; trap \"echo USR1 >> signals.log\" USR1; echo ready; while true; do sleep 0.05; done'";

    private readonly ProcessSandbox _sandbox = new();
    private readonly List<(int Pid, long StartTimeTicks)> _pids = [];
    private readonly TestProbe _parent;

    public ProcessActorVirtualTimeSpec()
        : base(VirtualTime.Config())
    {
        _parent = CreateTestProbe("parent");
    }

    private TestScheduler Clock => VirtualTime.Of(Sys);

    private string SignalsLog => Path.Combine(_sandbox.Root, "signals.log");

    [Fact]
    public async Task ProcessActor_must_SIGKILL_at_the_absolute_stop_deadline_it_is_given_not_after_a_fresh_grace()
    {
        var spec = _sandbox.Spec(IgnoresTerm, gracefulStop: TimeSpan.FromMinutes(30));
        var process = Start(spec);
        var started = await ExpectStartedAsync();
        await AwaitAssertAsync(() => Assert.Contains("ready", File.ReadAllText(spec.LogPath)), Timeout);

        process.Tell(new StopProcess("test", Clock.Now + TimeSpan.FromMinutes(20)), TestActor);
        await AwaitAssertAsync(() => Assert.Contains("TERM", ReadSignals()), Timeout);
        Clock.Advance(TimeSpan.FromMinutes(20) - TimeSpan.FromSeconds(1));
        Assert.True(ProcStat.IsSameProcess(started.Pid, started.StartTimeTicks), "SIGKILLed before its deadline");

        await Clock.AdvanceUntilAsync(() => !ProcStat.IsSameProcess(started.Pid, started.StartTimeTicks), TimeSpan.FromMilliseconds(200), Timeout,
            "the SIGKILL at the deadline");
        await Clock.AdvanceUntilAsync(() => HasMessages, TimeSpan.FromMilliseconds(100), Timeout, "the stop's reply");
        await ExpectMsgAsync<ProcessStopped>(Timeout);
    }

    [Fact]
    public async Task ProcessActor_must_finish_a_stop_an_earlier_incarnation_began_without_a_second_SIGTERM()
    {
        var spec = _sandbox.Spec(IgnoresTerm, gracefulStop: TimeSpan.FromMinutes(30));
        var first = Start(spec);
        var started = await ExpectStartedAsync();
        await AwaitAssertAsync(() => Assert.Contains("ready", File.ReadAllText(spec.LogPath)), Timeout);
        var killAt = Clock.Now + TimeSpan.FromMinutes(30);
        first.Tell(new StopProcess("first incarnation", killAt));
        await AwaitAssertAsync(() => Assert.Equal(["TERM"], ReadSignals()), Timeout);
        await first.GracefulStop(Timeout);
        Clock.Advance(TimeSpan.FromMinutes(10));

        var second = Start(spec, new AdoptableProcess(started.Pid, started.StartTimeTicks), new StopProcess("resumed", killAt));

        Assert.True((await ExpectStartedAsync()).Adopted);
        second.Tell(GetProcessStatus.Instance, TestActor);
        Assert.Equal(ProcessState.Stopping, (await ExpectMsgAsync<ProcessStatusSnapshot>(Timeout)).State);
        PosixSignals.Signal(started.Pid, SigUsr1);
        await AwaitAssertAsync(() => Assert.Contains("USR1", ReadSignals()), Timeout);
        Clock.Advance(TimeSpan.FromMinutes(20) - TimeSpan.FromSeconds(1));
        Assert.True(ProcStat.IsSameProcess(started.Pid, started.StartTimeTicks), "SIGKILLed before the original deadline");

        await Clock.AdvanceUntilAsync(() => !ProcStat.IsSameProcess(started.Pid, started.StartTimeTicks), TimeSpan.FromMilliseconds(200), Timeout,
            "the SIGKILL at the original deadline");
        await Clock.AdvanceUntilAsync(() => _parent.HasMessages, TimeSpan.FromMilliseconds(100), Timeout, "the stop's report");
        await _parent.FishForMessageAsync<ProcessStopped>(_ => true, Timeout);
        Assert.Equal(["TERM", "USR1"], ReadSignals());
    }

    [Fact]
    public async Task ProcessActor_must_report_a_resumed_stop_of_a_process_that_is_gone_as_stopped_at_once()
    {
        Start(_sandbox.Spec("sleep 30"), new AdoptableProcess(int.MaxValue - 1, 1), new StopProcess("resumed", Clock.Now + TimeSpan.FromMinutes(5)));

        await _parent.ExpectMsgAsync<ProcessStopped>(Timeout);
        await _parent.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public async Task ProcessActor_must_keep_a_pending_restart_at_its_absolute_time_when_its_pid_is_gone()
    {
        var restartAt = Clock.Now + TimeSpan.FromSeconds(40);
        var process = Start(_sandbox.Spec("sleep 30", restart: new RestartConfig { MaxRestarts = 5 }),
            new AdoptableProcess(int.MaxValue - 1, 1, restartAt));

        process.Tell(GetProcessStatus.Instance, TestActor);
        Assert.Equal(ProcessState.BackingOff, (await ExpectMsgAsync<ProcessStatusSnapshot>(Timeout)).State);
        Clock.Advance(TimeSpan.FromSeconds(39));
        Assert.False(_parent.HasMessages, "restarted before its pending restart was due");

        Clock.Advance(TimeSpan.FromSeconds(1));
        var started = await ExpectStartedAsync();
        Assert.False(started.Adopted);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            foreach (var (pid, startTimeTicks) in _pids.Where(p => ProcStat.IsSameProcess(p.Pid, p.StartTimeTicks)))
            {
                PosixSignals.SignalGroup(pid, PosixSignals.SIGKILL);
                PosixSignals.Signal(pid, PosixSignals.SIGKILL);
            }

            _sandbox.Dispose();
        }

        base.Dispose(disposing);
    }

    private IActorRef Start(ProcessSpec spec, AdoptableProcess? adopt = null, StopProcess? finishStop = null) =>
        Sys.ActorOf(ProcessTestParent.Props(ProcessActor.Props(spec, adopt, finishStop: finishStop), _parent.Ref));

    private async Task<ProcessStarted> ExpectStartedAsync()
    {
        var started = await _parent.ExpectMsgAsync<ProcessStarted>(Timeout);
        _pids.Add((started.Pid, started.StartTimeTicks));
        return started;
    }

    private string[] ReadSignals() => File.Exists(SignalsLog) ? File.ReadAllLines(SignalsLog) : [];
}
