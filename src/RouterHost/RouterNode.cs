using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Orchestrator.Router;
using Orchestrator.Router.Feed;
using Orchestrator.Router.Listeners;
using Orchestrator.Router.State;
using Orchestrator.State;

namespace Orchestrator.RouterHost;

/// <summary>
/// Runs <c>orch router</c>: the data plane of one state directory, in a process of its own. It serves the tables it
/// saved last from the moment it starts, then the ones its daemon's feed sends, and keeps serving whatever happens to
/// the daemon; on SIGTERM it stops accepting, lets its connections end and exits.
/// <para>
/// It holds the state directory's <c>router.lock</c> whichever feed it reads: one router per state directory, so two
/// never write one <c>router-tables.json</c>. Only a router of the state directory's own feed writes <c>router.json</c>,
/// the record its daemon adopts it by; a router reading a daemon's TCP feed (<c>--feed</c>, on another host) is no
/// local daemon's router, and a daemon started on its state directory must not mistake it for its own.
/// </para>
/// </summary>
internal static partial class RouterNode
{
    private static readonly TimeSpan LockPoll = TimeSpan.FromMilliseconds(250);

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
            var pid = LockHolder.Parse(existing).Pid;
            await Console.Error.WriteLineAsync(
                $"error: a router already serves state directory {options.StateDirectory}: pid {pid?.ToString(CultureInfo.InvariantCulture) ?? "(unknown)"}" +
                "; replace it with `orch router restart`, or stop it first");
            return 1;
        }

        using var loggerFactory = LoggerFactory.Create(b => b.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Information)
            .AddFilter("Microsoft", LogLevel.Warning).AddFilter("Yarp", LogLevel.Warning));
        var log = loggerFactory.CreateLogger("orch router");
        var lockHolder = new LockOwnership(held);
        using var _ = lockHolder;
        var process = new RouterProcessInfo(Environment.ProcessId, DateTimeOffset.UtcNow);
        await using var runtime = new RouterRuntime(loggerFactory, options.ListenHost, listenPort: options.ListenPort) { TakingOver = options.TakeOverFrom is not null };
        var saved = RouteTableFile.In(options.StateDirectory);
        using var feeding = CancellationTokenSource.CreateLinkedTokenSource(stop);
        var client = new RouteFeedClient(runtime, process, saved, options.Feed, log);
        var feed = client.RunAsync(feeding.Token);
        // The daemon's current tables first: a router that served its saved ones at once could accept a connection for
        // a deployment the cluster has moved past. Without a daemon in time, the saved tables serve until it is back.
        if (await Task.WhenAny(client.Synced, client.FirstAttemptFailed, Task.Delay(RouterDefaults.FeedSnapshotWait, stop)) != client.Synced)
        {
            LogNoSnapshot(log, RouterDefaults.FeedSnapshotWait.TotalSeconds);
            await ServeSavedTablesAsync(runtime, saved, log, stop);
            client.OpenReports();
        }

        var record = NodeRecord.OfThisProcess(process.StartedAt);
        if (lockHolder.Held && options.RemoteFeed is null)
        {
            record.Write(options.RecordPath);
        }

        var takingOver = options.TakeOverFrom is not null ? WaitForLockAsync(options, holder, lockHolder, runtime, record, log, stop) : Task.CompletedTask;
        try
        {
            Announce(options, record, runtime);
            await Task.Delay(Timeout.Infinite, stop).ContinueWith(_ => { }, TaskScheduler.Default);

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
            // Reported to the daemon until the last connection ended: a draining router's connections count for drains.
            await feeding.CancelAsync();
            await feed.ContinueWith(_ => { }, TaskScheduler.Default);
            await takingOver.ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    private static async Task ServeSavedTablesAsync(RouterRuntime runtime, RouteTableFile saved, ILogger log, CancellationToken stop)
    {
        IEnumerable<Routing.RouteTable> tables;
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
                if (await runtime.ApplyUnlessServedAsync(table, stop))
                {
                    LogServingSaved(log, table.App, table.Version, table.Listen);
                }
            }
            catch (RouterListenException e)
            {
                LogSavedTableRefused(log, table.App, e.Message);
            }
        }
    }

    /// <summary>A router taking over owns the state directory once the old one exited and released the lock.</summary>
    private static async Task WaitForLockAsync(
        RouterOptions options, string holder, LockOwnership ownership, RouterRuntime runtime, NodeRecord record, ILogger log, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            if (StateLock.TryAcquire(options.LockPath, holder, out _) is { } held)
            {
                ownership.Take(held);
                runtime.TakingOver = false;
                if (options.RemoteFeed is null)
                {
                    record.Write(options.RecordPath);
                }

                LogTookOver(log, options.TakeOverFrom ?? 0);
                return;
            }

            await Task.Delay(LockPoll, stop).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    private static void Announce(RouterOptions options, NodeRecord record, RouterRuntime runtime)
    {
        var listen = runtime.BoundAddresses;
        Console.WriteLine(options.Json
            ? JsonSerializer.Serialize(new RouterReady("ready", record.Pid, options.Feed.Address, options.StateDirectory, [.. listen], runtime.Tables.Count), RouterJsonContext.Default.RouterReady)
            : $"orch router (pid {record.Pid}) ready: feed {options.Feed.Address}, state {options.StateDirectory}, serving {runtime.Tables.Count} table(s)" +
              (listen.IsEmpty ? "" : $" on {string.Join(", ", listen)}"));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Stopping: no new connections; {Open} open connection(s) may run up to {Timeout}")]
    private static partial void LogStopping(ILogger log, int open, TimeSpan timeout);

    [LoggerMessage(Level = LogLevel.Information, Message = "Every connection ended; exiting")]
    private static partial void LogStopped(ILogger log);

    [LoggerMessage(Level = LogLevel.Warning, Message = "No complete snapshot of current tables from the daemon's feed (no daemon answers, or none within {Seconds}s): serving the saved tables until it sends one")]
    private static partial void LogNoSnapshot(ILogger log, double seconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Serving the saved table of {App} (version {Version}) on {Listen}")]
    private static partial void LogServingSaved(ILogger log, string app, long version, string listen);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The saved table of {App} cannot be served: {Reason}")]
    private static partial void LogSavedTableRefused(ILogger log, string app, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "No saved tables served: {Reason}")]
    private static partial void LogSavedTablesUnreadable(ILogger log, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "The router pid {OldPid} exited: this router now owns the state directory")]
    private static partial void LogTookOver(ILogger log, int oldPid);
}
