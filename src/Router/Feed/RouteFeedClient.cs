using System.Collections.Immutable;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Orchestrator.Router.State;
using Orchestrator.Routing;
using Orchestrator.Routing.Feed;

namespace Orchestrator.Router.Feed;

/// <summary>
/// The router's end of the daemon's feed: connects to the daemon (<see cref="IFeedSource"/>), installs every table it
/// sends, one at a time and in order, and reports what it serves and the connections it holds. While no daemon answers
/// it keeps serving the tables it has and connects again every <see cref="ReconnectDelay"/>; while the daemon refuses
/// it (a wrong token) it keeps serving too, and asks again every <see cref="RefusedDelay"/>.
/// </summary>
internal sealed partial class RouteFeedClient(RouterRuntime runtime, RouterProcessInfo process, RouteTableFile? saved, IFeedSource source, ILogger log)
{
    private static readonly TimeSpan ReconnectDelay = TimeSpan.FromMilliseconds(250);

    /// <summary>A refusal will not change by itself soon (the token is fixed for this process): no need to knock four times a second.</summary>
    private static readonly TimeSpan RefusedDelay = TimeSpan.FromSeconds(5);

    private readonly TaskCompletionSource _synced = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private ImmutableDictionary<string, TableRefusal> _refusals = ImmutableDictionary<string, TableRefusal>.Empty;

    private readonly TaskCompletionSource _reportsOpen = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _firstAttemptFailed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when the first try to reach the daemon failed: no snapshot is coming soon.</summary>
    public Task FirstAttemptFailed => _firstAttemptFailed.Task;

    /// <summary>
    /// From now on the router reports what it serves: once it has the daemon's snapshot, or once it serves its saved
    /// tables instead. Before that a report would tell the daemon "serving" while listeners are still unbound.
    /// </summary>
    public void OpenReports() => _reportsOpen.TrySetResult();

    /// <summary>Completes once the daemon said it sent every current table (<see cref="RouterFeed.SnapshotEnd"/>) and they are installed.</summary>
    public Task Synced => _synced.Task;

    /// <summary>Serves the feed until <paramref name="stop"/>; it never throws for a daemon that is away or misbehaves.</summary>
    public async Task RunAsync(CancellationToken stop)
    {
        var connectedOnce = false;
        var outageLogged = false;
        string? refusalLogged = null;
        while (!stop.IsCancellationRequested)
        {
            var delay = ReconnectDelay;
            try
            {
                await using var connection = await source.ConnectAsync(stop);
                LogConnected(log, source.Address);
                connectedOnce = true;
                outageLogged = false;
                refusalLogged = null;
                await ServeAsync(connection, stop);
                LogDaemonGone(log, source.Address, "it closed the feed");
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (FeedRefusedException e)
            {
                _firstAttemptFailed.TrySetResult();
                delay = RefusedDelay;
                if (refusalLogged != e.Message)
                {
                    refusalLogged = e.Message;
                    LogRefusedByDaemon(log, source.Address, e.Message);
                }
            }
            catch (Exception e) when (e is SocketException or IOException or InvalidDataException or ObjectDisposedException or TimeoutException)
            {
                _firstAttemptFailed.TrySetResult();
                if (!outageLogged)
                {
                    outageLogged = true;
                    if (connectedOnce)
                    {
                        LogDaemonGone(log, source.Address, e.Message);
                    }
                    else
                    {
                        LogNoDaemonYet(log, source.Address, e.Message);
                    }
                }
            }

            await Task.Delay(delay, stop).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    private async Task ServeAsync(FeedConnection connection, CancellationToken stop)
    {
        using var serving = CancellationTokenSource.CreateLinkedTokenSource(stop);
        var reporting = ReportPeriodicallyAsync(connection, serving.Token);
        try
        {
            while (await connection.ReadAsync(FeedJsonContext.Default.RouteTable, stop) is { } table)
            {
                if (RouterFeed.IsSnapshotEnd(table))
                {
                    if (_synced.TrySetResult())
                    {
                        LogSynced(log, runtime.Tables.Count);
                    }

                    OpenReports();
                }
                else
                {
                    await InstallAsync(table);
                }

                if (_reportsOpen.Task.IsCompleted)
                {
                    await connection.WriteAsync(Report(), FeedJsonContext.Default.RouterReport, stop);
                }
            }
        }
        finally
        {
            await serving.CancelAsync();
            await reporting.ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    private async Task ReportPeriodicallyAsync(FeedConnection connection, CancellationToken cancellationToken)
    {
        await _reportsOpen.Task.WaitAsync(cancellationToken);
        using var timer = new PeriodicTimer(RouterFeed.ReportInterval);
        do
        {
            await connection.WriteAsync(Report(), FeedJsonContext.Default.RouterReport, cancellationToken);
        }
        while (await timer.WaitForNextTickAsync(cancellationToken));
    }

    /// <summary>A version it serves already is not installed again: its next report says it serves it.</summary>
    private async Task InstallAsync(RouteTable table)
    {
        if (runtime.Tables.TryGetValue(table.App, out var serving) && table.Version <= serving.Version)
        {
            return;
        }

        try
        {
            using var timeout = new CancellationTokenSource(RouterDefaults.ApplyTimeout);
            await runtime.ApplyAsync(table, timeout.Token);
            ImmutableInterlocked.TryRemove(ref _refusals, table.App, out _);
            Save();
            LogApplied(log, table.App, table.Version, table.ActiveDeploymentId ?? "(none)");
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            var reason = Reason(e);
            ImmutableInterlocked.AddOrUpdate(ref _refusals, table.App, new TableRefusal(table.Version, reason), (_, _) => new TableRefusal(table.Version, reason));
            LogRefused(log, table.App, table.Version, reason);
        }
    }

    private RouterReport Report()
    {
        var tables = runtime.Tables;
        return new RouterReport(
            process.Pid,
            process.StartedAt,
            runtime.BoundAddresses,
            tables.ToImmutableDictionary(p => p.Key, p => p.Value.Version),
            Volatile.Read(ref _refusals),
            process.Draining,
            tables.Keys.ToImmutableDictionary(app => app, runtime.ConnectionsOf));
    }

    private void Save()
    {
        if (saved is null || OperatingSystem.IsWindows())
        {
            return;
        }

        try
        {
            saved.Save(runtime.Tables);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Serving matters more than the copy: the next install writes it again.
            LogNotSaved(log, saved.Path, e.Message);
        }
    }

    private static string Reason(Exception error) => error switch
    {
        AggregateException { InnerExceptions.Count: 1 } aggregate => Reason(aggregate.InnerExceptions[0]),
        OperationCanceledException => $"the router did not apply the table within {RouterDefaults.ApplyTimeout.TotalSeconds:0}s",
        _ => error.Message,
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Reading route tables from the daemon's feed at {Feed}")]
    private static partial void LogConnected(ILogger log, string feed);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The daemon's feed at {Feed} is gone ({Reason}): serving the last tables, connecting again")]
    private static partial void LogDaemonGone(ILogger log, string feed, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "No daemon answers at {Feed} yet ({Reason}): serving the saved tables, connecting again")]
    private static partial void LogNoDaemonYet(ILogger log, string feed, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "The daemon's feed at {Feed} refused this router: {Reason}. Serving the tables it has, asking again")]
    private static partial void LogRefusedByDaemon(ILogger log, string feed, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "The daemon's feed sent every current table: serving {Count} table(s) from it")]
    private static partial void LogSynced(ILogger log, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Route table {App} v{Version} applied, active {Active}")]
    private static partial void LogApplied(ILogger log, string app, long version, string active);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Route table {App} v{Version} refused: {Reason}")]
    private static partial void LogRefused(ILogger log, string app, long version, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not save the route tables to {Path}: {Reason}")]
    private static partial void LogNotSaved(ILogger log, string path, string reason);
}
