using Akka.Actor;
using Orchestrator.Actors.Processes;
using Orchestrator.Config;
using Xunit;

namespace Orchestrator.Actors.Tests.Processes;

/// <summary>Restarts the ProcessActor starts itself: asked to (a hung process), or over its memory limit.</summary>
public sealed class ProcessActorRestartSpec : Akka.TestKit.Xunit2.TestKit
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);
    private static readonly RestartConfig OneRestart = new() { MaxRestarts = 1, InitialDelay = TimeSpan.FromMilliseconds(10) };

    private readonly ProcessSandbox _sandbox = new();

    [Fact]
    public async Task ProcessActor_must_restart_a_stopped_process_when_asked_and_count_it()
    {
        var parent = CreateTestProbe();
        var process = parent.ChildActorOf(ProcessActor.Props(_sandbox.Spec("sleep 30", restart: OneRestart)));
        var first = await parent.ExpectMsgAsync<ProcessStarted>(Timeout);
        PosixSignals.Signal(first.Pid, 19); // SIGSTOP: only SIGCONT (or SIGKILL) lets the SIGTERM act

        process.Tell(new RestartProcess("unhealthy: 3 health checks in a row failed"));

        var exited = await parent.ExpectMsgAsync<ProcessExited>(Timeout);
        Assert.Equal("unhealthy: 3 health checks in a row failed", exited.Reason);
        Assert.Equal("SIGTERM", exited.Signal);
        var second = await parent.ExpectMsgAsync<ProcessStarted>(Timeout);
        Assert.NotEqual(first.Pid, second.Pid);
        process.Tell(GetProcessStatus.Instance, TestActor);
        var status = await ExpectMsgAsync<ProcessStatusSnapshot>(Timeout);
        Assert.Equal(1, status.Restarts);
        Assert.Equal("unhealthy: 3 health checks in a row failed", status.LastRestartReason);
        await StopAsync(process, parent);
    }

    [Fact]
    public async Task ProcessActor_must_restart_a_process_above_its_memory_limit_for_the_grace()
    {
        var parent = CreateTestProbe();
        var spec = _sandbox.Spec("sleep 30", restart: OneRestart) with { Memory = new MemoryLimit(1024, TimeSpan.FromMilliseconds(300)) };
        var process = parent.ChildActorOf(ProcessActor.Props(spec));
        await parent.ExpectMsgAsync<ProcessStarted>(Timeout);

        var exited = await parent.ExpectMsgAsync<ProcessExited>(Timeout);

        Assert.Matches(@"^memory: RSS \d+(\.\d)? (KB|MB) above memory_limit 1 KB for 300ms$", exited.Reason);
        Assert.NotNull(exited.RestartIn);
        await StopAsync(process, parent);
    }

    [Fact]
    public async Task ProcessActor_must_leave_a_process_below_its_memory_limit_running()
    {
        var parent = CreateTestProbe();
        var spec = _sandbox.Spec("sleep 30", restart: OneRestart) with { Memory = new MemoryLimit(1L << 30, TimeSpan.Zero) };
        var process = parent.ChildActorOf(ProcessActor.Props(spec));
        await parent.ExpectMsgAsync<ProcessStarted>(Timeout);

        // Several samples (100 ms apart at this grace) pass while the parent hears nothing.
        await parent.ExpectNoMsgAsync(TimeSpan.FromSeconds(1));
        await StopAsync(process, parent);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        _sandbox.Dispose();
    }

    private static async Task StopAsync(IActorRef process, Akka.TestKit.TestProbe parent)
    {
        process.Tell(new StopProcess("test over"), parent);
        await parent.FishForMessageAsync<ProcessStopped>(_ => true, Timeout);
    }
}
