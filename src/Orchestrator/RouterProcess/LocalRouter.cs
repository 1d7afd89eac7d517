using System.Collections.Immutable;
using Akka.Actor;
using Microsoft.Extensions.Logging;
using Orchestrator.Actors.Routing;
using Orchestrator.Routing;
using Orchestrator.State;

namespace Orchestrator.RouterProcess;

/// <summary>
/// The daemon's side of its state directory's router process: adopts the one that runs (by pid and start time), or
/// starts one; starts it again when it dies; hands the data plane over to a new one on <c>orch router restart</c>;
/// and stops it on <c>orch shutdown</c>. Every router reports itself over this daemon's feed (<see cref="RouterFeedActor"/>),
/// which this class tells whether a router runs.
/// </summary>
internal sealed partial class LocalRouter(RouterLaunch launch, IActorRef feed, ILogger log) : IAsyncDisposable
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan SupervisionInterval = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaxRestartDelay = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan StatusTimeout = TimeSpan.FromSeconds(3);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly CancellationTokenSource _supervision = new();
    private int _pid;
    private long _startTimeTicks;
    private Task _supervisor = Task.CompletedTask;

    /// <summary>The pid of the router this daemon keeps serving; 0 while none.</summary>
    public int Pid => Volatile.Read(ref _pid);

    /// <summary>The router that runs for the state directory, or null; a pid reused by another process is not one.</summary>
    public static NodeRecord? FindRunning(string stateDirectory) =>
        NodeRecord.Read(Path.Combine(stateDirectory, NodeRecord.RouterFileName)) is { IsRunning: true } running ? running : null;

    /// <summary>Adopts the running router or starts one, waits until it reads this daemon's feed, then watches it.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (FindRunning(launch.StateDirectory) is { } running)
        {
            SetRouter(running.Pid, running.StartTimeTicks);
            LogAdopted(log, running.Pid);
        }
        else
        {
            var started = launch.Start(takeOverFrom: null);
            SetRouter(started);
            LogStarted(log, started, launch.LogPath);
        }

        if (await WaitServingAsync(Pid, null, cancellationToken) is null)
        {
            LogNotServing(log, Pid, ReadyTimeout, launch.LogPath);
        }

        _supervisor = SuperviseAsync(_supervision.Token);
    }

    /// <summary>
    /// <c>orch router restart</c>: a new router binds the same listeners next to the old one, and once it serves every
    /// table the old one serves, the old one is told to stop accepting and drain. With no router running, starts one.
    /// </summary>
    public async Task<RouterHandOver> RestartAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var oldPid = Pid;
            var running = IsAlive();
            // A running router that does not read this daemon's feed (it reports nothing) still holds the listeners: take over
            // from it all the same, with no versions to wait for but the new router's own.
            var old = running ? (await StatusesAsync(cancellationToken)).FirstOrDefault(s => s.Pid == oldPid) : null;
            if (running)
            {
                PendingConnectionMigration.Enable(log);
            }

            var next = launch.Start(running ? oldPid : null);
            LogHandOverStarted(log, next, oldPid);
            var serving = await WaitServingAsync(next, old?.Versions, cancellationToken);
            if (serving is null)
            {
                Signal(next, Actors.Processes.PosixSignals.SIGKILL);
                return new RouterHandOver(false, running ? oldPid : null, null,
                    $"the new router (pid {next}) did not serve every table within {ReadyTimeout.TotalSeconds:0}s; the old one keeps serving (see {launch.LogPath})");
            }

            SetRouter(next);
            if (running)
            {
                Signal(oldPid, Actors.Processes.PosixSignals.SIGTERM);
                LogHandedOver(log, oldPid, next);
                return new RouterHandOver(true, oldPid, next, $"router pid {next} serves; pid {oldPid} stopped accepting and drains its open connections");
            }

            return new RouterHandOver(true, null, next, $"no router was running; started pid {next}");
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Every router that reads this daemon's feed, as each reported itself last.</summary>
    private async Task<ImmutableArray<RouterStatus>> StatusesAsync(CancellationToken cancellationToken) =>
        (await feed.Ask<RouterReplicaStatus>(GetRouterStatus.Instance, StatusTimeout, cancellationToken)).Routers;

    /// <summary><c>orch shutdown</c>: the router stops too (its apps are stopped already), and is not started again.</summary>
    public async Task StopAsync()
    {
        await _supervision.CancelAsync();
        await _supervisor.ContinueWith(_ => { }, TaskScheduler.Default);
        feed.Tell(new LocalRouterRuns(false));
        var pid = Pid;
        var startTimeTicks = Volatile.Read(ref _startTimeTicks);
        if (!IsAlive(pid, startTimeTicks))
        {
            return;
        }

        Signal(pid, Actors.Processes.PosixSignals.SIGTERM);
        var deadline = DateTime.UtcNow + StopTimeout;
        while (IsAlive(pid, startTimeTicks) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100, CancellationToken.None);
        }

        if (IsAlive(pid, startTimeTicks))
        {
            Signal(pid, Actors.Processes.PosixSignals.SIGKILL);
        }

        LogStopped(log, pid);
    }

    public async ValueTask DisposeAsync()
    {
        await _supervision.CancelAsync();
        await _supervisor.ContinueWith(_ => { }, TaskScheduler.Default);
        _supervision.Dispose();
        _gate.Dispose();
    }

    /// <summary>The router's own report once it reads this daemon's feed and serves at least <paramref name="versions"/>; null at the timeout.</summary>
    private async Task<RouterStatus?> WaitServingAsync(int pid, ImmutableDictionary<string, long>? versions, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + ReadyTimeout;
        while (DateTime.UtcNow < deadline && ProcStat.StartTimeTicks(pid) is not null)
        {
            var status = (await StatusesAsync(cancellationToken)).FirstOrDefault(s => s.Pid == pid);
            if (status is not null && (versions ?? ImmutableDictionary<string, long>.Empty).All(v => status.Versions.GetValueOrDefault(v.Key) >= v.Value))
            {
                return status;
            }

            await Task.Delay(200, cancellationToken);
        }

        return null;
    }

    private async Task SuperviseAsync(CancellationToken cancellationToken)
    {
        var delay = SupervisionInterval;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(SupervisionInterval, cancellationToken);
                var gone = await WhenGoneAsync(cancellationToken);
                if (gone is null)
                {
                    delay = SupervisionInterval;
                    continue;
                }

                // Outside the gate: an `orch router restart` meanwhile starts one at once instead of waiting out the backoff.
                // Meanwhile nothing holds a connection: drains need not wait for its reports.
                feed.Tell(new LocalRouterRuns(false));
                LogDied(log, gone.Value, delay);
                await Task.Delay(delay, cancellationToken);
                if (await WhenGoneAsync(cancellationToken) is null)
                {
                    continue;
                }

                await _gate.WaitAsync(cancellationToken);
                try
                {
                    SetRouter(launch.Start(takeOverFrom: null));
                    delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxRestartDelay.Ticks));
                }
                finally
                {
                    _gate.Release();
                }
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>The pid of the router that is gone, or null while it (or one started meanwhile, which it adopts) runs.</summary>
    private async Task<int?> WhenGoneAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (IsAlive())
            {
                return null;
            }

            if (FindRunning(launch.StateDirectory) is { } other)
            {
                Adopt(other);
                return null;
            }

            return Pid;
        }
        finally
        {
            _gate.Release();
        }
    }

    private void Adopt(NodeRecord running)
    {
        SetRouter(running.Pid, running.StartTimeTicks);
        LogAdopted(log, running.Pid);
    }

    /// <summary>The router is the process with its pid and start time: a pid the kernel gave to another process is not it.</summary>
    private void SetRouter(int pid, long? startTimeTicks = null)
    {
        Volatile.Write(ref _startTimeTicks, startTimeTicks ?? ProcStat.StartTimeTicks(pid) ?? 0);
        Volatile.Write(ref _pid, pid);
        feed.Tell(new LocalRouterRuns(true));
    }

    private bool IsAlive() => IsAlive(Pid, Volatile.Read(ref _startTimeTicks));

    private static bool IsAlive(int pid, long startTimeTicks) => pid != 0 && ProcStat.IsSameProcess(pid, startTimeTicks);

    private static void Signal(int pid, int signal) => Actors.Processes.PosixSignals.Signal(pid, signal);

    [LoggerMessage(Level = LogLevel.Information, Message = "Adopted the running router pid {Pid}")]
    private static partial void LogAdopted(ILogger log, int pid);

    [LoggerMessage(Level = LogLevel.Information, Message = "Started the router pid {Pid} (log: {LogPath})")]
    private static partial void LogStarted(ILogger log, int pid, string logPath);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The router pid {Pid} did not read this daemon's feed within {Timeout}; see {LogPath}")]
    private static partial void LogNotServing(ILogger log, int pid, TimeSpan timeout, string logPath);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The router pid {Pid} is gone; starting a new one in {Delay}")]
    private static partial void LogDied(ILogger log, int pid, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Information, Message = "Hand-over: started router pid {NewPid} next to pid {OldPid}")]
    private static partial void LogHandOverStarted(ILogger log, int newPid, int oldPid);

    [LoggerMessage(Level = LogLevel.Information, Message = "Hand-over: router pid {NewPid} serves every table; pid {OldPid} drains and exits")]
    private static partial void LogHandedOver(ILogger log, int oldPid, int newPid);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stopped the router pid {Pid}")]
    private static partial void LogStopped(ILogger log, int pid);
}

/// <summary>The outcome of <c>orch router restart</c>.</summary>
internal sealed record RouterHandOver(bool Ok, int? OldPid, int? NewPid, string Message);
