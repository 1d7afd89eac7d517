using System.Collections.Immutable;
using Orchestrator.Config;
using Orchestrator.State;

namespace Orchestrator.Actors.Processes;

/// <summary>Everything needed to run one OS process; templates already rendered.</summary>
/// <param name="Logs">When <see cref="LogPath"/> is rotated; null: at the defaults.</param>
public sealed record ProcessSpec(
    string App,
    string DeploymentId,
    string ProcessId,
    ProcessPolicy Policy,
    string Command,
    string WorkingDirectory,
    ImmutableDictionary<string, string> Environment,
    string LogPath,
    TimeSpan GracefulStop,
    RestartConfig Restart,
    MemoryLimit? Memory = null,
    LogsConfig? Logs = null);

/// <summary>A process started by an earlier incarnation of the daemon, to adopt instead of restarting.</summary>
/// <param name="RestartAt">When the process had exited and its restart was pending: the absolute time it is due, kept if it is gone.</param>
public sealed record AdoptableProcess(int Pid, long StartTimeTicks, DateTimeOffset? RestartAt = null);

public enum ProcessState
{
    Starting,
    Running,
    BackingOff,

    /// <summary>Asked to restart (unhealthy, over its memory limit): SIGTERM sent, waiting for the exit.</summary>
    Restarting,
    Stopping,
    Stopped,
    Failed,
}

/// <summary>Stop the process group: SIGTERM, SIGKILL after the grace. Replies <see cref="ProcessStopped"/>.</summary>
/// <param name="KillAt">The absolute SIGKILL time (persisted by the deployment, so it holds across restarts); null: now + the grace.</param>
public sealed record StopProcess(string Reason, DateTimeOffset? KillAt = null);

/// <summary>
/// Restart the running process, e.g. because it stopped answering its health checks: SIGTERM and SIGCONT to the group
/// (a stopped process can only act on the SIGTERM once continued), SIGKILL after the grace, then started again as after a
/// crash: counted as a restart, under the restart policy, with <paramref name="Reason"/> as the recorded cause.
/// Ignored unless the process runs.
/// </summary>
public sealed record RestartProcess(string Reason);

/// <summary>Replies <see cref="ProcessStatusSnapshot"/>.</summary>
public sealed class GetProcessStatus
{
    public static readonly GetProcessStatus Instance = new();

    private GetProcessStatus()
    {
    }
}

/// <summary>Replies <see cref="RecentOutput"/> with at most the last <paramref name="Lines"/> lines.</summary>
public sealed record GetRecentOutput(int Lines);

public sealed record RecentOutput(string ProcessId, ImmutableArray<string> Lines);

/// <summary>To the parent: the OS process runs (first start, restart or adoption).</summary>
public sealed record ProcessStarted(string ProcessId, int Pid, long StartTimeTicks, DateTimeOffset StartedAt, bool Adopted);

/// <summary>
/// To the parent: the process exited (on its own, or after a <see cref="RestartProcess"/> or its memory limit, then with
/// <paramref name="Reason"/>); it will be restarted after <paramref name="RestartIn"/> if set.
/// </summary>
public sealed record ProcessExited(string ProcessId, int? ExitCode, string? Signal, TimeSpan? RestartIn, string? Reason = null);

/// <summary>To the parent: the process cannot run (command not found, crash loop past max restarts).</summary>
public sealed record ProcessFailed(string ProcessId, string Reason, ImmutableArray<string> RecentOutput);

/// <summary>Reply to <see cref="StopProcess"/>: the process group (and its cgroup, if it has one) is gone.</summary>
/// <param name="Survivors">Processes of it that outlived the stop (escaped with <c>setsid</c> where no cgroup holds them).</param>
public sealed record ProcessStopped(string ProcessId, ImmutableArray<SurvivingProcess> Survivors = default)
{
    public ImmutableArray<SurvivingProcess> Survivors { get; init; } = Survivors.IsDefault ? [] : Survivors;
}

/// <summary>A process that outlived its stop; the start time tells it from a later process with the same pid.</summary>
public sealed record SurvivingProcess(int Pid, long StartTimeTicks)
{
    public bool IsRunning() => ProcStat.IsSameProcess(Pid, StartTimeTicks);
}

public sealed record ProcessStatusSnapshot(
    string ProcessId,
    ProcessPolicy Policy,
    int? Pid,
    ProcessState State,
    int Restarts,
    int? ExitCode,
    string? ExitSignal,
    DateTimeOffset? StartedAt,
    string LogPath,
    ImmutableArray<int> Survivors = default,
    string? LastRestartReason = null,
    string? Health = null,
    string? HealthDetail = null,
    RailwayServiceSnapshot? Railway = null,
    string? Node = null)
{
    /// <summary>Never a default array: the snapshot travels between nodes as JSON, which cannot write one.</summary>
    public ImmutableArray<int> Survivors { get; init; } = Survivors.IsDefault ? [] : Survivors;
}

/// <summary>A process that is a Railway service: where it is and Railway's last status of its deployment (null until known).</summary>
public sealed record RailwayServiceSnapshot(string ServiceName, string? ServiceId, string? DeploymentId, string? Status, string? PrivateDomain, string? ApiUrl = null);
