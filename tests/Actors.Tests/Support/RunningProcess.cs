using Orchestrator.Actors.Processes;
using Orchestrator.State;

namespace Orchestrator.Actors.Tests.Support;

/// <summary>
/// A pid with its kernel start time: this host wraps pids at 32768, so a bare pid may already name someone else's
/// process by the time a spec looks again.
/// </summary>
internal sealed record RunningProcess(int Pid, long StartTimeTicks)
{
    /// <summary>Same process still alive; a zombie counts as gone (see <see cref="ProcStat"/>).</summary>
    public bool IsRunning => ProcStat.IsSameProcess(Pid, StartTimeTicks);

    public static RunningProcess Of(int pid) =>
        new(pid, ProcStat.StartTimeTicks(pid) ?? throw new InvalidOperationException($"pid {pid} is not running"));

    public override string ToString() => $"pid {Pid}";
}
