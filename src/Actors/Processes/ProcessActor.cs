using System.Collections.Immutable;
using System.Diagnostics;
using Akka.Actor;
using Akka.Event;
using Orchestrator.Config;
using Orchestrator.State;

namespace Orchestrator.Actors.Processes;

/// <summary>
/// One OS process: starts it in its own process group (or adopts a still-running one), tails its log file,
/// watches for its exit, restarts it with backoff (after a crash, a <see cref="RestartProcess"/> or too long above its
/// memory limit) and stops it gracefully. Its parent gets
/// <see cref="ProcessStarted"/>, <see cref="ProcessExited"/>, <see cref="ProcessFailed"/> and <see cref="ProcessStopped"/>.
/// Stopping the actor leaves the process running so a new incarnation can adopt it; only <see cref="StopProcess"/> kills.
/// </summary>
internal sealed class ProcessActor : ReceiveActor, IWithTimers, IWithStash
{
    /// <summary>How often the log file is read for new lines.</summary>
    public static readonly TimeSpan TailInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>How long a log rotation that failed (a full disk, a permission) waits before it is tried again.</summary>
    public static readonly TimeSpan RotationRetryDelay = TimeSpan.FromMinutes(1);

    /// <summary>How often an adopted or stopping process group is checked for life.</summary>
    public static readonly TimeSpan WatchInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>How long a stop waits after SIGKILL before it reports what is still running as survivors.</summary>
    public static readonly TimeSpan KillWait = TimeSpan.FromSeconds(5);

    /// <summary>How many lines a <see cref="ProcessFailed"/> carries.</summary>
    public const int FailureOutputLines = 50;

    private const long AdoptionBacklogBytes = 64 * 1024;
    private const int ExitHistory = 10;

    private readonly ProcessSpec _spec;
    private readonly AdoptableProcess? _adopt;
    private readonly CgroupHierarchy? _cgroups;
    private readonly StopProcess? _finishStop;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly List<DateTimeOffset> _restartTimes = [];
    private readonly List<ExitStatus> _exits = [];
    private readonly List<IActorRef> _stopRequesters = [];
    private LogTail _tail;
    private ProcessState _state = ProcessState.Starting;
    private Process? _process;
    private int? _pid;
    private long _startTimeTicks;
    private DateTimeOffset? _startedAt;
    private bool _adopted;
    private ProcessCgroup? _cgroup;
    private ImmutableArray<SurvivingProcess> _survivors = [];
    private bool _leaderExited;
    private int _run;
    private int _restarts;
    private string? _restartReason;
    private string? _lastRestartReason;
    private DateTimeOffset? _memoryAboveSince;
    private TimeSpan _killGrace;
    private DateTimeOffset? _rotationRetryAt;

    public ProcessActor(ProcessSpec spec, AdoptableProcess? adopt, CgroupHierarchy? cgroups, StopProcess? finishStop)
    {
        _spec = spec;
        _adopt = adopt;
        _cgroups = cgroups;
        _finishStop = finishStop;
        _tail = LogTail.FromEnd(spec.LogPath, Defaults.LogRingLines);
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public IStash Stash { get; set; } = null!;

    /// <summary>Starts <paramref name="spec"/>, or adopts <paramref name="adopt"/> when that pid still runs the same process.</summary>
    /// <param name="cgroups">Where each process gets a cgroup of its own; null runs it without one.</param>
    /// <param name="finishStop">
    /// A stop an earlier incarnation began (SIGTERM already sent): adopt <paramref name="adopt"/> without signalling it
    /// again and SIGKILL it at <see cref="StopProcess.KillAt"/>; never start a process. One that is gone is stopped at once.
    /// </param>
    public static Props Props(ProcessSpec spec, AdoptableProcess? adopt = null, CgroupHierarchy? cgroups = null, StopProcess? finishStop = null) =>
        Akka.Actor.Props.Create(() => new ProcessActor(spec, adopt, cgroups, finishStop));

    private DateTimeOffset Now => Context.System.Scheduler.Now;

    protected override void PreStart()
    {
        Timers.StartPeriodicTimer(TimerKey.TailLog, TailLogTick.Instance, TailInterval);
        var alive = _adopt is { } adopt && ProcStat.IsSameProcess(adopt.Pid, adopt.StartTimeTicks);
        if (_finishStop is { } finish)
        {
            FinishEarlierStop(finish, alive);
            return;
        }

        if (alive)
        {
            Adopt(_adopt!);
            return;
        }

        if (_adopt is { RestartAt: { } due } pending && due > Now)
        {
            _log.Info("{0}: pid {1} is gone; its restart stays due at {2:O}", _spec.ProcessId, pending.Pid, due);
            Timers.StartSingleTimer(TimerKey.Restart, RestartTick.Instance, due - Now);
            Transition(ProcessState.BackingOff, $"restart pending since before the daemon restarted; due in {due - Now}");
            Become(BackingOff);
            return;
        }

        if (_adopt is { } stale)
        {
            _log.Info("{0}: pid {1} is gone or was reused; starting a new process", _spec.ProcessId, stale.Pid);
        }

        Start();
    }

    /// <summary>The stop an earlier incarnation began: wait for the adopted process, SIGKILL at the original deadline.</summary>
    private void FinishEarlierStop(StopProcess stop, bool alive)
    {
        if (!alive)
        {
            _pid = null;
            Finish($"gone before the stop resumed ({stop.Reason})");
            return;
        }

        Adopt(_adopt!);
        BeginStop(stop, signal: false);
    }

    /// <summary>
    /// A restart after an unexpected exception must not run <see cref="PreStart"/> again: that would start a second
    /// copy next to the running one (or revive a stopped one). The old incarnation hands its run to the new one.
    /// </summary>
    protected override void PreRestart(Exception reason, object message)
    {
        var running = _pid is { } pid && _state is ProcessState.Running or ProcessState.Stopping
            ? new AdoptableProcess(pid, _startTimeTicks)
            : null;
        Self.Tell(new Resume(running, _state));
        base.PreRestart(reason, message);
    }

    protected override void PostRestart(Exception reason)
    {
        Timers.StartPeriodicTimer(TimerKey.TailLog, TailLogTick.Instance, TailInterval);
        Become(Resuming);
    }

    private void Resuming()
    {
        Receive<Resume>(m =>
        {
            Stash.UnstashAll();
            if (m.Running is { } running && ProcStat.IsSameProcess(running.Pid, running.StartTimeTicks))
            {
                Adopt(running);
            }
            else if (m.State is ProcessState.Stopped or ProcessState.Failed)
            {
                Timers.CancelAll();
                Transition(m.State, "resumed after an actor restart");
                Become(Finished);
            }
            else
            {
                Start();
            }
        });
        ReceiveAny(_ => Stash.Stash());
    }

    protected override void PostStop()
    {
        if (_pid is { } pid && _state is ProcessState.Running or ProcessState.Stopping)
        {
            _log.Info("{0}: actor stopped; leaving pid {1} running for adoption", _spec.ProcessId, pid);
        }

        _process?.Dispose();
    }

    private void Start()
    {
        var cgroup = OpenCgroup();
        var launch = ProcessLauncher.Launch(_spec, cgroup?.Path);
        if (launch.Process is not { } process)
        {
            cgroup?.TryRemove();
            Fail(launch.Error ?? "could not start");
            return;
        }

        JoinCgroup(cgroup, process.Id);
        _process = process;
        _pid = process.Id;
        _startTimeTicks = ProcStat.StartTimeTicks(process.Id) ?? 0;
        _startedAt = Now;
        _adopted = false;
        _run++;
        WaitForExitAsync(process, _run).PipeTo(Self);
        BecomeRunning($"started pid {process.Id}");
    }

    private void Adopt(AdoptableProcess adopt)
    {
        _cgroup = _cgroups?.Find(_spec, adopt.Pid);
        _pid = adopt.Pid;
        _startTimeTicks = adopt.StartTimeTicks;
        _startedAt = Now;
        _adopted = true;
        _run++;
        _tail = LogTail.FromLast(_spec.LogPath, Defaults.LogRingLines, AdoptionBacklogBytes);
        Timers.StartPeriodicTimer(TimerKey.WatchExit, WatchExitTick.Instance, WatchInterval);
        BecomeRunning($"adopted pid {adopt.Pid}");
    }

    private void BecomeRunning(string reason)
    {
        if (_spec.Memory is { } memory)
        {
            _memoryAboveSince = null;
            Timers.StartPeriodicTimer(TimerKey.MemorySample, MemorySampleTick.Instance, MemoryWatch.SampleInterval(memory));
        }

        Transition(ProcessState.Running, reason);
        Become(Running);
        Context.Parent.Tell(new ProcessStarted(_spec.ProcessId, _pid!.Value, _startTimeTicks, _startedAt!.Value, _adopted), Self);
    }

    private void Running()
    {
        Receive<ChildExited>(m => m.Run == _run, m => HandleExit(ExitStatus.FromExitCode(m.ExitCode)));
        Receive<WatchExitTick>(_ =>
        {
            if (_adopted && !ProcStat.IsSameProcess(_pid!.Value, _startTimeTicks))
            {
                HandleExit(ExitStatus.Unknown);
            }
        });
        Receive<StopProcess>(HandleStop);
        Receive<RestartProcess>(m => BeginRestart(m.Reason));
        Receive<MemorySampleTick>(_ => SampleMemory());
        ReceiveCommon();
    }

    private void SampleMemory()
    {
        var verdict = MemoryWatch.Decide(_spec.Memory!, MemoryUsage.OfGroup(_pid!.Value), _memoryAboveSince, Now);
        _memoryAboveSince = verdict.AboveSince;
        if (verdict.RestartReason is { } reason)
        {
            _log.Warning("{0}/{1}: {2}; restarting it", _spec.DeploymentId, _spec.ProcessId, reason);
            BeginRestart(reason);
        }
    }

    /// <summary>SIGTERM, then SIGCONT so a stopped (SIGSTOP) group can act on it; SIGKILL after the grace; the exit restarts it.</summary>
    private void BeginRestart(string reason)
    {
        _restartReason = reason;
        Timers.Cancel(TimerKey.MemorySample);
        Transition(ProcessState.Restarting, reason);
        SignalGroup(_pid!.Value, PosixSignals.SIGTERM, orLeader: true);
        SignalGroup(_pid!.Value, PosixSignals.SIGCONT, orLeader: true);
        Timers.StartSingleTimer(TimerKey.KillAfterGrace, KillTick.Instance, _spec.GracefulStop);
        Become(Restarting);
    }

    private void Restarting()
    {
        Receive<ChildExited>(m => m.Run == _run, m => HandleExit(ExitStatus.FromExitCode(m.ExitCode)));
        Receive<WatchExitTick>(_ =>
        {
            if (_adopted && !ProcStat.IsSameProcess(_pid!.Value, _startTimeTicks))
            {
                HandleExit(ExitStatus.Unknown);
            }
        });
        Receive<KillTick>(_ =>
        {
            _log.Warning("{0}: pid {1} still running {2} after the restart's SIGTERM; sending SIGKILL to its group", _spec.ProcessId, _pid, _spec.GracefulStop);
            SignalGroup(_pid!.Value, PosixSignals.SIGKILL, orLeader: true);
        });
        Receive<StopProcess>(m =>
        {
            _restartReason = null;
            HandleStop(m);
        });
        ReceiveCommon();
    }

    private void BackingOff()
    {
        Receive<RestartTick>(_ => Start());
        Receive<StopProcess>(m =>
        {
            Timers.Cancel(TimerKey.Restart);
            _stopRequesters.Add(Sender);
            Finish($"restart cancelled: {m.Reason}");
        });
        ReceiveCommon();
    }

    private void Stopping()
    {
        Receive<ChildExited>(m => m.Run == _run, m =>
        {
            _leaderExited = true;
            RecordExit(ExitStatus.FromExitCode(m.ExitCode));
            FinishWhenGroupGone();
        });
        Receive<WatchExitTick>(_ =>
        {
            // Our own child's exit comes with its status as ChildExited; only an adopted leader is polled.
            if (_adopted && !_leaderExited && !ProcStat.IsSameProcess(_pid!.Value, _startTimeTicks))
            {
                _leaderExited = true;
                RecordExit(ExitStatus.Unknown);
            }

            FinishWhenGroupGone();
        });
        Receive<KillTick>(_ =>
        {
            _log.Warning("{0}: pid {1} still running at its stop deadline ({2} after this stop began); sending SIGKILL to its group",
                _spec.ProcessId, _pid, _killGrace);
            SignalGroup(_pid!.Value, PosixSignals.SIGKILL, orLeader: true);
            _cgroup?.Kill();
        });
        Receive<StopDeadlineTick>(_ =>
        {
            _pid = null;
            Finish($"processes still running {KillWait} after SIGKILL");
        });
        Receive<StopProcess>(_ => _stopRequesters.Add(Sender));
        ReceiveCommon();
    }

    /// <summary>Stopped or Failed: nothing runs; a stop is answered at once.</summary>
    private void Finished()
    {
        Receive<StopProcess>(_ => ReplyStopped([Sender]));
        Receive<ChildExited>(_ => { });
        ReceiveCommon();
    }

    private void ReceiveCommon()
    {
        Receive<GetProcessStatus>(_ => Sender.Tell(Snapshot()));
        Receive<GetRecentOutput>(m =>
        {
            _tail.Poll();
            Sender.Tell(new RecentOutput(_spec.ProcessId, _tail.Last(m.Lines)));
        });
        Receive<TailLogTick>(_ =>
        {
            _tail.Poll();
            RotateLogWhenFull();
        });
        Receive<RestartProcess>(m => _log.Info("{0}: not restarting ({1}): the process is {2}", _spec.ProcessId, m.Reason, _state));
        Receive<MemorySampleTick>(_ => { });
        Receive<Status.Failure>(f => _log.Error(f.Cause, "{0}: waiting for the process to exit failed", _spec.ProcessId));
    }

    /// <summary>
    /// Copy-truncate once the log reached <c>[logs] max_size</c> (the tail just read it to its end, so its offset is the
    /// size). The process keeps writing into the same open file; the tail, and any <c>orch logs --follow</c>, read what
    /// went to <c>.1</c> before going on at the live file's start.
    /// </summary>
    private void RotateLogWhenFull()
    {
        var limits = _spec.Logs ?? new LogsConfig();
        if (_tail.Offset < limits.MaxSize || _rotationRetryAt > Now)
        {
            return;
        }

        try
        {
            var moved = LogRotator.Rotate(_spec.LogPath, limits.Keep);
            _rotationRetryAt = null;
            _log.Info("{0}/{1}: log rotated at {2} ({3} moved to {4}.1, keeping {5})", _spec.DeploymentId, _spec.ProcessId,
                ByteSize.Format(limits.MaxSize), ByteSize.Format(moved), Path.GetFileName(_spec.LogPath), limits.Keep);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _rotationRetryAt = Now + RotationRetryDelay;
            _log.Warning("{0}/{1}: could not rotate {2} ({3}); trying again in {4}", _spec.DeploymentId, _spec.ProcessId, _spec.LogPath, e.Message,
                RotationRetryDelay);
        }
    }

    private void HandleExit(ExitStatus status)
    {
        Timers.Cancel(TimerKey.WatchExit);
        Timers.Cancel(TimerKey.KillAfterGrace);
        Timers.Cancel(TimerKey.MemorySample);
        var reason = _restartReason;
        _restartReason = null;
        RecordExit(status);
        var pgid = _pid!.Value;
        _pid = null;

        // The leader is gone; whatever it left in its group (or cgroup) would pile up with every restart.
        SignalGroup(pgid, PosixSignals.SIGKILL, orLeader: false);
        _cgroup?.Kill();

        if (!_adopted && status.Code is ProcessLauncher.CommandNotFoundExitCode or ProcessLauncher.NotExecutableExitCode)
        {
            var what = status.Code == ProcessLauncher.CommandNotFoundExitCode ? "command not found" : "command not executable";
            var lastLine = _tail.Last(1) is [var line] ? $": {line}" : "";
            Context.Parent.Tell(new ProcessExited(_spec.ProcessId, status.Code, status.Signal, null), Self);
            Fail($"{what}: {ProcessLauncher.Program(_spec.Command)} ({status}){lastLine}");
            return;
        }

        var now = Now;
        var decision = RestartBackoff.Decide(_spec.Restart, _restartTimes, now);
        if (decision.GiveUp)
        {
            Context.Parent.Tell(new ProcessExited(_spec.ProcessId, status.Code, status.Signal, null, reason), Self);
            Fail($"crash loop: exited {decision.RestartsInWindow + 1} times, restarted {decision.RestartsInWindow} times " +
                 $"within {_spec.Restart.Window} (max_restarts = {_spec.Restart.MaxRestarts}); " +
                 $"last exits: {string.Join(", ", _exits)}");
            return;
        }

        _restartTimes.RemoveAll(t => t <= now - _spec.Restart.Window);
        _restartTimes.Add(now);
        _restarts++;
        _lastRestartReason = reason ?? $"crashed: {status}";
        Context.Parent.Tell(new ProcessExited(_spec.ProcessId, status.Code, status.Signal, decision.Delay, reason), Self);
        Timers.StartSingleTimer(TimerKey.Restart, RestartTick.Instance, decision.Delay);
        Transition(ProcessState.BackingOff, $"{reason ?? status.ToString()}; restarting in {decision.Delay}");
        Become(BackingOff);
    }

    private void HandleStop(StopProcess stop)
    {
        _stopRequesters.Add(Sender);
        BeginStop(stop, signal: true);
    }

    /// <param name="signal">False when an earlier incarnation already sent the SIGTERM: it is not sent twice.</param>
    private void BeginStop(StopProcess stop, bool signal)
    {
        _leaderExited = false;
        var grace = stop.KillAt is { } killAt ? (killAt > Now ? killAt - Now : TimeSpan.Zero) : _spec.GracefulStop;
        Transition(ProcessState.Stopping, signal ? stop.Reason : $"{stop.Reason}; SIGTERM already sent, SIGKILL in {grace}");
        if (signal)
        {
            // A graceful app may count SIGTERMs (a second one often means "now"): the cgroup only adds what left the group.
            SignalGroup(_pid!.Value, PosixSignals.SIGTERM, orLeader: true);
            _cgroup?.Signal(PosixSignals.SIGTERM, exceptGroup: _pid);
        }

        _killGrace = grace;
        Timers.StartSingleTimer(TimerKey.KillAfterGrace, KillTick.Instance, grace);
        Timers.StartSingleTimer(TimerKey.StopDeadline, StopDeadlineTick.Instance, grace + KillWait);
        Timers.StartPeriodicTimer(TimerKey.WatchExit, WatchExitTick.Instance, WatchInterval);
        Become(Stopping);
    }

    private void FinishWhenGroupGone()
    {
        if (_leaderExited && !ProcStat.IsGroupAlive(_pid!.Value) && _cgroup?.Pids() is null or [])
        {
            _pid = null;
            Finish("process group gone");
        }
    }

    private void Finish(string reason)
    {
        Timers.CancelAll();
        _tail.Poll();
        _survivors = FindSurvivors();
        Transition(ProcessState.Stopped, reason);
        Become(Finished);
        ReplyStopped(_stopRequesters);
        _stopRequesters.Clear();
    }

    private void ReplyStopped(IReadOnlyCollection<IActorRef> requesters)
    {
        var stopped = new ProcessStopped(_spec.ProcessId, _survivors);
        foreach (var requester in requesters.Distinct())
        {
            requester.Tell(stopped, Self);
        }

        if (!requesters.Contains(Context.Parent))
        {
            Context.Parent.Tell(stopped, Self);
        }
    }

    private void Fail(string reason)
    {
        Timers.CancelAll();
        _tail.Poll();
        _tail.EndLine();
        _cgroup?.TryRemove();
        Transition(ProcessState.Failed, reason);
        Become(Finished);
        Context.Parent.Tell(new ProcessFailed(_spec.ProcessId, reason, _tail.Last(FailureOutputLines)), Self);
    }

    private void RecordExit(ExitStatus status)
    {
        _tail.Poll();
        _tail.EndLine();
        _process?.Dispose();
        _process = null;
        _exits.Add(status);
        if (_exits.Count > ExitHistory)
        {
            _exits.RemoveAt(0);
        }
    }

    private ProcessCgroup? OpenCgroup()
    {
        if (_cgroups is null)
        {
            return null;
        }

        var cgroup = _cgroups.Open(_spec, out var error);
        if (cgroup is null)
        {
            _log.Warning("{0}: starting without a cgroup ({1}); a child that leaves its process group would survive the stop", _spec.ProcessId, error);
        }

        return cgroup;
    }

    /// <summary>The launch script joins by itself before its command runs; this join tells us, at once, whether it could.</summary>
    private void JoinCgroup(ProcessCgroup? cgroup, int pid)
    {
        _cgroup = null;
        if (cgroup is null)
        {
            return;
        }

        if (cgroup.Join(pid) is { } error && !cgroup.Pids().Contains(pid))
        {
            _log.Warning("{0}: pid {1} could not join cgroup {2} ({3}); a child that leaves its process group would survive the stop",
                _spec.ProcessId, pid, cgroup.Path, error);
            cgroup.TryRemove();
            return;
        }

        _cgroup = cgroup;
    }

    /// <summary>What outlived the stop: the cgroup's leftovers, or (without a cgroup) processes that carry this spec's variables.</summary>
    private ImmutableArray<SurvivingProcess> FindSurvivors()
    {
        var pids = ProcessSurvivors.Find(_spec).Union(_cgroup?.Pids() ?? []).Order().ToList();
        var survivors = pids.Select(pid => ProcStat.StartTimeTicks(pid) is { } ticks ? new SurvivingProcess(pid, ticks) : null)
            .OfType<SurvivingProcess>()
            .ToImmutableArray();
        if (survivors.IsEmpty)
        {
            _cgroup?.TryRemove();
            return survivors;
        }

        _log.Warning("{0}/{1}: pid {2} survived its stop{3}", _spec.DeploymentId, _spec.ProcessId, string.Join(", ", survivors.Select(s => s.Pid)),
            _cgroup is null ? " (it left its process group and no cgroup holds it)" : $" (still in cgroup {_cgroup.Path})");
        return survivors;
    }

    /// <summary>Signals the group; a failure (EPERM) is logged, not thrown: an actor restart would start a second process.</summary>
    private void SignalGroup(int pgid, int signal, bool orLeader)
    {
        try
        {
            // Right after the start, setsid may not have made the group yet: then the leader is signalled alone,
            // but only while it is provably still our process (a dead pid may already belong to someone else).
            if (!PosixSignals.SignalGroup(pgid, signal) && orLeader && ProcStat.IsSameProcess(pgid, _startTimeTicks))
            {
                PosixSignals.Signal(pgid, signal);
            }
        }
        catch (InvalidOperationException e)
        {
            _log.Error(e, "{0}: could not signal process group {1}", _spec.ProcessId, pgid);
        }
    }

    private void Transition(ProcessState to, string reason)
    {
        _log.Info("{0}/{1}: {2} -> {3} ({4})", _spec.DeploymentId, _spec.ProcessId, _state, to, reason);
        _state = to;
    }

    private ProcessStatusSnapshot Snapshot()
    {
        var last = _exits.Count > 0 ? _exits[^1] : null;
        return new ProcessStatusSnapshot(
            _spec.ProcessId, _spec.Policy, _pid, _state, _restarts, last?.Code, last?.Signal, _startedAt, _spec.LogPath,
            [.. _survivors.Select(s => s.Pid)], _lastRestartReason);
    }

    private static async Task<ChildExited> WaitForExitAsync(Process process, int run)
    {
        await process.WaitForExitAsync().ConfigureAwait(false);
        return new ChildExited(run, process.ExitCode);
    }

    private enum TimerKey
    {
        TailLog,
        WatchExit,
        KillAfterGrace,
        StopDeadline,
        Restart,
        MemorySample,
    }

    private sealed record ChildExited(int Run, int ExitCode);

    private sealed record Resume(AdoptableProcess? Running, ProcessState State);

    private sealed class TailLogTick
    {
        public static readonly TailLogTick Instance = new();
    }

    private sealed class WatchExitTick
    {
        public static readonly WatchExitTick Instance = new();
    }

    private sealed class KillTick
    {
        public static readonly KillTick Instance = new();
    }

    private sealed class StopDeadlineTick
    {
        public static readonly StopDeadlineTick Instance = new();
    }

    private sealed class RestartTick
    {
        public static readonly RestartTick Instance = new();
    }

    private sealed class MemorySampleTick
    {
        public static readonly MemorySampleTick Instance = new();
    }
}
