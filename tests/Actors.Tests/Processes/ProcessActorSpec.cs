using System.Collections.Immutable;
using System.Diagnostics;
using Akka.Actor;
using Akka.TestKit;
using Orchestrator.Actors.Processes;
using Orchestrator.Config;
using Orchestrator.State;
using Xunit;

namespace Orchestrator.Actors.Tests.Processes;

public sealed class ProcessActorSpec : Akka.TestKit.Xunit2.TestKit
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    private readonly ProcessSandbox _sandbox = new();
    private readonly List<(int Pid, long StartTimeTicks)> _pids = [];
    private readonly TestProbe _parent;

    public ProcessActorSpec()
    {
        _parent = CreateTestProbe("parent");
    }

    [Fact]
    public async Task ProcessActor_must_start_the_command_in_its_own_group_and_log_both_streams()
    {
        var spec = _sandbox.Spec(
            "sh -c 'echo \"hello $GREETING from $(pwd)\"; echo oops >&2; exec sleep 30'",
            environment: ImmutableDictionary<string, string>.Empty.Add("GREETING", "world"));
        var process = Start(spec);

        var started = await ExpectStartedAsync();
        Assert.False(started.Adopted);
        Assert.Equal(ProcStat.StartTimeTicks(started.Pid), started.StartTimeTicks);
        // setsid makes the group a moment after the fork; the pid stays the same throughout.
        await AwaitAssertAsync(() => Assert.Equal(started.Pid, ProcStat.Read(started.Pid)?.ProcessGroup), Timeout);

        await AwaitAssertAsync(
            () =>
            {
                var log = File.ReadAllText(spec.LogPath);
                Assert.Contains($"hello world from {_sandbox.Root}", log);
                Assert.Contains("oops", log);
            },
            Timeout);

        process.Tell(new GetRecentOutput(10), TestActor);
        var output = await ExpectMsgAsync<RecentOutput>(Timeout);
        Assert.Equal(["hello world from " + _sandbox.Root, "oops"], output.Lines.ToArray());

        process.Tell(GetProcessStatus.Instance, TestActor);
        var status = await ExpectMsgAsync<ProcessStatusSnapshot>(Timeout);
        Assert.Equal(ProcessState.Running, status.State);
        Assert.Equal(started.Pid, status.Pid);
        Assert.Equal(spec.LogPath, status.LogPath);
    }

    [Fact]
    public async Task ProcessActor_must_fail_clearly_when_the_command_is_not_found()
    {
        Start(_sandbox.Spec("no-such-command-orch --flag"));

        await ExpectStartedAsync();
        var failed = await _parent.FishForMessageAsync<ProcessFailed>(_ => true, Timeout);

        Assert.StartsWith("command not found: no-such-command-orch (exit 127)", failed.Reason);
        Assert.Contains(failed.RecentOutput, line => line.Contains("not found", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ProcessActor_must_fail_clearly_when_the_working_directory_is_missing()
    {
        var missing = Path.Combine(_sandbox.Root, "missing");
        Start(_sandbox.Spec("sleep 30", workingDirectory: missing));

        var failed = await _parent.ExpectMsgAsync<ProcessFailed>(Timeout);

        Assert.Equal($"working directory does not exist: {missing}", failed.Reason);
    }

    [Fact]
    public async Task ProcessActor_must_restart_with_growing_delays_then_fail_after_max_restarts()
    {
        var restart = new RestartConfig
        {
            MaxRestarts = 3,
            Window = TimeSpan.FromSeconds(10),
            BackoffFactor = 2,
            InitialDelay = TimeSpan.FromMilliseconds(20),
            MaxDelay = TimeSpan.FromSeconds(1),
        };
        var process = Start(_sandbox.Spec("sh -c 'echo crash; exit 1'", restart: restart));

        var pids = new HashSet<int>();
        foreach (var expected in new[] { 20, 40, 80 })
        {
            pids.Add((await ExpectStartedAsync()).Pid);
            var exited = await _parent.ExpectMsgAsync<ProcessExited>(Timeout);
            Assert.Equal(1, exited.ExitCode);
            Assert.Null(exited.Signal);
            Assert.Equal(TimeSpan.FromMilliseconds(expected), exited.RestartIn);
        }

        pids.Add((await ExpectStartedAsync()).Pid);
        Assert.Null((await _parent.ExpectMsgAsync<ProcessExited>(Timeout)).RestartIn);
        var failed = await _parent.ExpectMsgAsync<ProcessFailed>(Timeout);

        Assert.Equal(4, pids.Count);
        Assert.Contains("crash loop", failed.Reason);
        Assert.Contains("exit 1, exit 1, exit 1, exit 1", failed.Reason);
        Assert.Equal(4, failed.RecentOutput.Count(l => l == "crash"));

        process.Tell(GetProcessStatus.Instance, TestActor);
        var status = await ExpectMsgAsync<ProcessStatusSnapshot>(Timeout);
        Assert.Equal(ProcessState.Failed, status.State);
        Assert.Equal(3, status.Restarts);
        Assert.Equal(1, status.ExitCode);
        Assert.Null(status.Pid);
    }

    [Fact]
    public async Task ProcessActor_must_stop_with_SIGTERM_and_kill_the_whole_group()
    {
        var kids = Path.Combine(_sandbox.Root, "kids");
        var process = Start(_sandbox.Spec($"sh -c 'sleep 31 & echo $! >> {kids}; sleep 32 & echo $! >> {kids}; wait'"));
        var started = await ExpectStartedAsync();
        var children = await ReadPidsAsync(kids, 2);

        var watch = Stopwatch.StartNew();
        process.Tell(new StopProcess("test"), TestActor);
        await ExpectMsgAsync<ProcessStopped>(Timeout);

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(4), $"took {watch.Elapsed}, expected no wait for the grace");
        Assert.Null(ProcStat.StartTimeTicks(started.Pid));
        Assert.All(children, kid => Assert.Null(ProcStat.StartTimeTicks(kid)));
        await _parent.ExpectMsgAsync<ProcessStopped>(Timeout);

        process.Tell(GetProcessStatus.Instance, TestActor);
        var status = await ExpectMsgAsync<ProcessStatusSnapshot>(Timeout);
        Assert.Equal(ProcessState.Stopped, status.State);
        Assert.Equal("SIGTERM", status.ExitSignal);
    }

    [Fact]
    public async Task ProcessActor_must_SIGKILL_a_process_that_ignores_SIGTERM_after_the_grace()
    {
        var grace = TimeSpan.FromMilliseconds(300);
        var spec = _sandbox.Spec("sh -c 'trap \"\" TERM; echo ready; while true; do sleep 0.05; done'", gracefulStop: grace);
        var process = Start(spec);
        var started = await ExpectStartedAsync();
        await AwaitAssertAsync(() => Assert.Contains("ready", File.ReadAllText(spec.LogPath)), Timeout);

        var watch = Stopwatch.StartNew();
        process.Tell(new StopProcess("test"), TestActor);
        await ExpectMsgAsync<ProcessStopped>(Timeout);

        Assert.True(watch.Elapsed >= grace, $"stopped after {watch.Elapsed}, before the grace of {grace}");
        Assert.Null(ProcStat.StartTimeTicks(started.Pid));
        process.Tell(GetProcessStatus.Instance, TestActor);
        Assert.Equal("SIGKILL", (await ExpectMsgAsync<ProcessStatusSnapshot>(Timeout)).ExitSignal);
    }

    [Fact]
    public async Task ProcessActor_must_answer_a_stop_while_backing_off_at_once()
    {
        var restart = new RestartConfig { MaxRestarts = 5, InitialDelay = TimeSpan.FromMinutes(1), MaxDelay = TimeSpan.FromMinutes(1) };
        var process = Start(_sandbox.Spec("sh -c 'exit 3'", restart: restart));
        await ExpectStartedAsync();
        Assert.Equal(TimeSpan.FromMinutes(1), (await _parent.ExpectMsgAsync<ProcessExited>(Timeout)).RestartIn);

        process.Tell(new StopProcess("test"), TestActor);

        await ExpectMsgAsync<ProcessStopped>(Timeout);
        await _parent.ExpectMsgAsync<ProcessStopped>(Timeout);
        await _parent.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public async Task ProcessActor_must_adopt_a_process_that_outlived_its_actor()
    {
        var spec = _sandbox.Spec("sh -c 'echo first run; exec sleep 30'");
        var first = Start(spec);
        var started = await ExpectStartedAsync();
        await AwaitAssertAsync(() => Assert.Contains("first run", File.ReadAllText(spec.LogPath)), Timeout);

        await first.GracefulStop(Timeout);
        Assert.Equal(started.StartTimeTicks, ProcStat.StartTimeTicks(started.Pid));

        var second = Start(spec, new AdoptableProcess(started.Pid, started.StartTimeTicks));
        var adopted = await ExpectStartedAsync();

        Assert.True(adopted.Adopted);
        Assert.Equal(started.Pid, adopted.Pid);
        second.Tell(new GetRecentOutput(5), TestActor);
        Assert.Contains("first run", (await ExpectMsgAsync<RecentOutput>(Timeout)).Lines);

        second.Tell(new StopProcess("test"), TestActor);
        await ExpectMsgAsync<ProcessStopped>(Timeout);
        Assert.Null(ProcStat.StartTimeTicks(started.Pid));
    }

    [Fact]
    public async Task ProcessActor_must_keep_its_process_across_an_actor_restart()
    {
        var parent = Start(_sandbox.Spec("sleep 30"));
        var started = await ExpectStartedAsync();

        var child = await Sys.ActorSelection(parent.Path / "process").ResolveOne(Timeout);
        child.Tell(Kill.Instance);

        var resumed = await ExpectStartedAsync();
        Assert.True(resumed.Adopted);
        Assert.Equal(started.Pid, resumed.Pid);
        parent.Tell(new StopProcess("test"), TestActor);
        await ExpectMsgAsync<ProcessStopped>(Timeout);
    }

    [Fact]
    public async Task ProcessActor_must_notice_an_adopted_process_exiting()
    {
        var spec = _sandbox.Spec("sleep 30");
        var first = Start(spec);
        var started = await ExpectStartedAsync();
        await first.GracefulStop(Timeout);

        Start(spec, new AdoptableProcess(started.Pid, started.StartTimeTicks));
        Assert.True((await ExpectStartedAsync()).Adopted);
        PosixSignals.Signal(started.Pid, PosixSignals.SIGKILL);

        var exited = await _parent.ExpectMsgAsync<ProcessExited>(Timeout);
        Assert.Null(exited.ExitCode);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(-1)]
    public async Task ProcessActor_must_start_fresh_instead_of_adopting_a_reused_or_gone_pid(long tickOffset)
    {
        using var other = Process.Start("sleep", "30");
        var ticks = ProcStat.StartTimeTicks(other.Id)!.Value;
        _pids.Add((other.Id, ticks));

        Start(_sandbox.Spec("sleep 30"), new AdoptableProcess(tickOffset > 0 ? other.Id : int.MaxValue - 1, ticks + tickOffset));
        var started = await ExpectStartedAsync();

        Assert.False(started.Adopted);
        Assert.NotEqual(other.Id, started.Pid);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            // Only processes that are still the ones this spec started: pids wrap, and another spec's may reuse one.
            foreach (var (pid, startTimeTicks) in _pids.Where(p => ProcStat.IsSameProcess(p.Pid, p.StartTimeTicks)))
            {
                PosixSignals.SignalGroup(pid, PosixSignals.SIGKILL);
                PosixSignals.Signal(pid, PosixSignals.SIGKILL);
            }

            _sandbox.Dispose();
        }

        base.Dispose(disposing);
    }

    private IActorRef Start(ProcessSpec spec, AdoptableProcess? adopt = null) =>
        Sys.ActorOf(ProcessTestParent.Props(ProcessActor.Props(spec, adopt), _parent.Ref));

    private async Task<ProcessStarted> ExpectStartedAsync()
    {
        var started = await _parent.ExpectMsgAsync<ProcessStarted>(Timeout);
        _pids.Add((started.Pid, started.StartTimeTicks));
        return started;
    }

    private async Task<IReadOnlyList<int>> ReadPidsAsync(string file, int count)
    {
        IReadOnlyList<int> pids = [];
        await AwaitAssertAsync(
            () =>
            {
                pids = [.. File.ReadAllLines(file).Where(l => l.Length > 0).Select(int.Parse)];
                Assert.Equal(count, pids.Count);
            },
            Timeout);
        return pids;
    }
}
