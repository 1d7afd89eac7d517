using System.Text.Json;
using Akka.Actor;
using Akka.Cluster;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orchestrator.Hosting;
using Orchestrator.Hosting.Tls;
using Orchestrator.Router;
using Orchestrator.Router.Listeners;
using Orchestrator.Router.Replica;
using Orchestrator.Router.State;
using Orchestrator.State;

namespace Orchestrator.RouterProcess;

/// <summary>
/// Runs <c>orch router</c>: the data plane of one state directory, in a process of its own. It serves the tables it
/// saved last from the moment it starts, joins the cluster as a router replica, and keeps serving whatever happens to
/// its membership; on SIGTERM it stops accepting, lets its connections end, leaves the cluster and exits.
/// </summary>
public static partial class RouterNode
{
    private static readonly TimeSpan RejoinDelay = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan JoinPatience = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan LockPoll = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan DaemonCheckInterval = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan DaemonOutsidePatience = TimeSpan.FromSeconds(8);

    /// <summary>Returns the process exit code.</summary>
    public static async Task<int> RunAsync(RouterOptions options, CancellationToken stop)
    {
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException(StateDirectory.UnixOnly);
        }

        StateDirectory.CreateOwnerOnly(options.StateDirectory);
        var holder = $"pid {Environment.ProcessId}\nrouter\n";
        var held = StateLock.TryAcquire(options.LockPath, holder, out var existing);
        if (held is null && options.TakeOverFrom is null)
        {
            var running = NodeRecord.Read(options.RecordPath);
            var pid = LockHolder.Parse(existing).Pid;
            await Console.Error.WriteLineAsync(
                $"error: a router already serves state directory {options.StateDirectory}: pid {pid?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "(unknown)"}" +
                (running is { IsRunning: true } ? $", cluster node {running.SeedAddress}" : "") +
                "; replace it with `orch router restart`, or stop it first");
            return 1;
        }

        ClusterCertificate certificate;
        try
        {
            certificate = options.ClusterCertificatePath is { } path ? ClusterCertificate.Load(path) : ClusterCertificate.LoadOrCreate(options.StateDirectory);
        }
        catch (ClusterCertificateException e)
        {
            held?.Dispose();
            await Console.Error.WriteLineAsync($"error: {e.Message}");
            return 2;
        }

        using var loggerFactory = LoggerFactory.Create(b => b.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Information)
            .AddFilter("Microsoft", LogLevel.Warning).AddFilter("Yarp", LogLevel.Warning));
        var log = loggerFactory.CreateLogger("orch router");
        using var clusterCertificate = certificate;
        var lockHolder = new LockOwnership(held);
        using var _ = lockHolder;
        var process = new RouterProcessInfo(Environment.ProcessId, DateTimeOffset.UtcNow);
        await using var runtime = new RouterRuntime(loggerFactory, options.ListenHost) { TakingOver = options.TakeOverFrom is not null };
        var saved = RouteTableFile.In(options.StateDirectory);
        await ServeSavedTablesAsync(runtime, saved, log, stop);

        var port = options.Cluster.Port != 0 || options.TakeOverFrom is not null ? options.Cluster.Port : PreviousPort(options.RecordPath);
        var current = new System.Runtime.CompilerServices.StrongBox<NodeRecord?>();
        var takingOver = options.TakeOverFrom is not null ? WaitForLockAsync(options, holder, lockHolder, runtime, current, log, stop) : Task.CompletedTask;
        var announced = false;
        IHost? host = null;
        try
        {
            while (!stop.IsCancellationRequested)
            {
                var cluster = MembershipFor(options, port, out var joinedDaemon);
                host = RouterActorSystem.Build(options, cluster, certificate, runtime, process, saved);
                await host.StartAsync(CancellationToken.None);
                var system = host.Services.GetRequiredService<ActorSystem>();
                var self = Cluster.Get(system);
                port = self.SelfAddress.Port ?? port;
                var record = NodeRecord.OfThisProcess(process.StartedAt, cluster.Host, port);
                current.Value = record;
                if (lockHolder.Held)
                {
                    record.Write(options.RecordPath);
                }

                if (!announced)
                {
                    announced = true;
                    Announce(options, record, self.SelfAddress.ToString(), runtime);
                }

                Func<bool>? joinedDaemonGone = joinedDaemon is null ? null : () => !joinedDaemon.IsRunning;
                if (await MembershipEndedAsync(system, joinedDaemonGone, () => DaemonRunsOutside(self, options.StateDirectory), stop))
                {
                    LogRejoin(log, self.SelfAddress.ToString());
                    await StopQuietlyAsync(host);
                    host.Dispose();
                    host = null;
                    await Task.Delay(RejoinDelay, stop).ContinueWith(_ => { }, TaskScheduler.Default);
                }
            }

            process.Draining = true;
            // A draining router no longer serves the state directory: the router taking over (or the next one) owns it now.
            lockHolder.Dispose();
            LogStopping(log, runtime.OpenConnections, options.DrainTimeout);
            using (var deadline = new CancellationTokenSource(options.DrainTimeout))
            {
                await runtime.StopAcceptingAsync(deadline.Token);
            }

            LogStopped(log);
            return 0;
        }
        finally
        {
            if (host is not null)
            {
                await StopQuietlyAsync(host);
                host.Dispose();
            }

            await takingOver.ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    private static async Task ServeSavedTablesAsync(RouterRuntime runtime, RouteTableFile saved, ILogger log, CancellationToken stop)
    {
        IEnumerable<Actors.Routing.RouteTable> tables;
        try
        {
            tables = saved.Load();
        }
        catch (InvalidDataException e)
        {
            LogSavedTablesUnreadable(log, e.Message);
            return;
        }

        foreach (var table in tables)
        {
            try
            {
                await runtime.ApplyAsync(table, stop);
                LogServingSaved(log, table.App, table.Version, table.Listen);
            }
            catch (RouterListenException e)
            {
                LogSavedTableRefused(log, table.App, e.Message);
            }
        }
    }

    /// <summary>
    /// A router's seeds: its state directory's daemon while one runs (at the address it runs at now), and those it was
    /// given; with neither, itself.
    /// </summary>
    private static ClusterMembership MembershipFor(RouterOptions options, int port, out NodeRecord? joinedDaemon)
    {
        joinedDaemon = null;
        var cluster = options.Cluster with { Port = port, Roles = [Actors.Routing.RouteTableActor.RouterRole] };
        var daemon = NodeRecord.Read(Path.Combine(options.StateDirectory, NodeRecord.DaemonFileName));
        if (daemon is not { IsRunning: true })
        {
            return cluster;
        }

        joinedDaemon = daemon;
        return cluster.Seeds.Contains(daemon.SeedAddress) ? cluster : cluster with { Seeds = [daemon.SeedAddress, .. cluster.Seeds] };
    }

    /// <summary>
    /// Waits while the membership holds. True when it ended by itself (downed, or the daemon it was joining is gone before
    /// it let the router in): a new incarnation then joins again. False when the router is told to stop.
    /// </summary>
    private static async Task<bool> MembershipEndedAsync(ActorSystem system, Func<bool>? joinedDaemonGone, Func<bool> daemonOutside, CancellationToken stop)
    {
        var up = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Cluster.Get(system).RegisterOnMemberUp(() => up.TrySetResult());
        var stopped = Task.Delay(Timeout.Infinite, stop).ContinueWith(_ => { }, TaskScheduler.Default);
        while (true)
        {
            var first = await Task.WhenAny(up.Task, system.WhenTerminated, stopped, Task.Delay(JoinPatience, CancellationToken.None));
            if (first == stopped)
            {
                return false;
            }

            if (first == system.WhenTerminated)
            {
                return true;
            }

            if (first == up.Task)
            {
                return await WhileMemberAsync(system, daemonOutside, stopped);
            }

            if (joinedDaemonGone?.Invoke() == true)
            {
                return true;
            }
        }
    }

    /// <summary>
    /// Waits while this incarnation is a member. True when it ended, or when the state directory's daemon has been
    /// running in a cluster of its own for <see cref="DaemonOutsidePatience"/>: a restarted daemon whose join this router
    /// missed (its address was still gated here) forms one, and this router then leaves the dead daemon's and joins it.
    /// </summary>
    private static async Task<bool> WhileMemberAsync(ActorSystem system, Func<bool> daemonOutside, Task stopped)
    {
        var outsideSince = (DateTime?)null;
        while (true)
        {
            var first = await Task.WhenAny(system.WhenTerminated, stopped, Task.Delay(DaemonCheckInterval, CancellationToken.None));
            if (first == stopped)
            {
                return false;
            }

            if (first == system.WhenTerminated)
            {
                return true;
            }

            if (!daemonOutside())
            {
                outsideSince = null;
            }
            else if (outsideSince is null)
            {
                outsideSince = DateTime.UtcNow;
            }
            else if (DateTime.UtcNow - outsideSince >= DaemonOutsidePatience)
            {
                return true;
            }
        }
    }

    /// <summary>True when <c>daemon.json</c> names a running daemon that is no reachable member of this router's cluster.</summary>
    private static bool DaemonRunsOutside(Cluster self, string stateDirectory)
    {
        if (NodeRecord.Read(Path.Combine(stateDirectory, NodeRecord.DaemonFileName)) is not { IsRunning: true } daemon)
        {
            return false;
        }

        var state = self.State;
        return !state.Members.Any(m =>
            m.Address.Host == daemon.ClusterHost && m.Address.Port == daemon.ClusterPort
            && m.Status is MemberStatus.Joining or MemberStatus.WeaklyUp or MemberStatus.Up
            && !state.Unreachable.Contains(m));
    }

    private static int PreviousPort(string recordPath) =>
        NodeRecord.Read(recordPath) is { ClusterPort: > 0 } previous && FreePort.IsFree(previous.ClusterHost, previous.ClusterPort) ? previous.ClusterPort : 0;

    /// <summary>A router taking over owns the state directory once the old one exited and released the lock.</summary>
    private static async Task WaitForLockAsync(
        RouterOptions options, string holder, LockOwnership ownership, RouterRuntime runtime, System.Runtime.CompilerServices.StrongBox<NodeRecord?> current, ILogger log, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            if (StateLock.TryAcquire(options.LockPath, holder, out _) is { } held)
            {
                ownership.Take(held);
                runtime.TakingOver = false;
                current.Value?.Write(options.RecordPath);
                LogTookOver(log, options.TakeOverFrom ?? 0);
                return;
            }

            await Task.Delay(LockPoll, stop).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    private static void Announce(RouterOptions options, NodeRecord record, string node, RouterRuntime runtime)
    {
        var listen = runtime.BoundAddresses;
        Console.WriteLine(options.Json
            ? JsonSerializer.Serialize(new RouterReady("ready", record.Pid, node, options.StateDirectory, [.. listen], runtime.Tables.Count), RouterJsonContext.Default.RouterReady)
            : $"orch router (pid {record.Pid}) ready: node {node}, state {options.StateDirectory}, serving {runtime.Tables.Count} table(s)" +
              (listen.IsEmpty ? "" : $" on {string.Join(", ", listen)}"));
    }

    private static async Task StopQuietlyAsync(IHost host)
    {
        try
        {
            await host.StopAsync(CancellationToken.None);
        }
        catch (Exception e) when (e is OperationCanceledException or InvalidOperationException)
        {
            // Its actor system ended first: nothing left to stop.
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The router's cluster membership ended ({Node}): it keeps serving its last tables and joins again")]
    private static partial void LogRejoin(ILogger log, string node);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stopping: no new connections; {Open} open connection(s) may run up to {Timeout}")]
    private static partial void LogStopping(ILogger log, int open, TimeSpan timeout);

    [LoggerMessage(Level = LogLevel.Information, Message = "Every connection ended; leaving the cluster")]
    private static partial void LogStopped(ILogger log);

    [LoggerMessage(Level = LogLevel.Information, Message = "Serving the saved table of {App} (version {Version}) on {Listen}")]
    private static partial void LogServingSaved(ILogger log, string app, long version, string listen);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The saved table of {App} cannot be served: {Reason}")]
    private static partial void LogSavedTableRefused(ILogger log, string app, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "No saved tables served: {Reason}")]
    private static partial void LogSavedTablesUnreadable(ILogger log, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "The router pid {OldPid} exited: this router now owns the state directory")]
    private static partial void LogTookOver(ILogger log, int oldPid);
}
