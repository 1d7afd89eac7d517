using Microsoft.Extensions.Logging;
using Orchestrator.Routing;

namespace Orchestrator.Router.Connections;

/// <summary>
/// Ends a draining deployment's connections at the drain deadline its table carries, by the router's own clock: the
/// deadline holds while no daemon runs (a crash, a slow restart) exactly as while one does. The daemon removing the
/// deployment from the table at that moment closes nothing more, since nothing is left open.
/// </summary>
internal sealed partial class DrainDeadlines(ConnectionTracker tracker, ILogger logger, TimeProvider time) : IDisposable
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, Armed> _armed = new(StringComparer.Ordinal);

    /// <summary>Arms a timer per draining deployment with a deadline in <paramref name="tables"/>, and disarms the rest.</summary>
    public void Update(IEnumerable<RouteTable> tables)
    {
        var wanted = tables
            .SelectMany(t => t.Deployments.Values.Select(d => (t.App, Route: d)))
            .Where(x => x.Route is { State: RouteState.Draining, DrainDeadline: not null })
            .ToDictionary(x => x.Route.DeploymentId, x => (x.App, Deadline: x.Route.DrainDeadline!.Value), StringComparer.Ordinal);
        lock (_lock)
        {
            foreach (var (id, armed) in _armed.Where(a => !wanted.TryGetValue(a.Key, out var w) || w.Deadline != a.Value.Deadline).ToList())
            {
                armed.Timer.Dispose();
                _armed.Remove(id);
            }

            foreach (var (id, (app, deadline)) in wanted.Where(w => !_armed.ContainsKey(w.Key)))
            {
                var timer = time.CreateTimer(_ => Reached(app, id, deadline), null, DueIn(deadline), Timeout.InfiniteTimeSpan);
                _armed[id] = new Armed(deadline, timer);
            }
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            foreach (var armed in _armed.Values)
            {
                armed.Timer.Dispose();
            }

            _armed.Clear();
        }
    }

    private TimeSpan DueIn(DateTimeOffset deadline)
    {
        var due = deadline - time.GetUtcNow();
        return due > TimeSpan.Zero ? due : TimeSpan.Zero;
    }

    private void Reached(string app, string deploymentId, DateTimeOffset deadline)
    {
        // A timer rounds its due time to the millisecond and may fire a little early: never close before the deadline.
        lock (_lock)
        {
            var early = DueIn(deadline);
            if (early > TimeSpan.Zero)
            {
                if (_armed.TryGetValue(deploymentId, out var armed) && armed.Deadline == deadline)
                {
                    armed.Timer.Change(early + TimeSpan.FromMilliseconds(1), Timeout.InfiniteTimeSpan);
                }

                return;
            }
        }

        // Stays armed (fired) until the deployment leaves the table, so a later version of the table does not fire it again.
        var closing = tracker.CloseAndForget(deploymentId);
        LogDeadlineReached(app, deploymentId, closing);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "App {App}: deployment {DeploymentId} reached its drain deadline, closing its {Closing} open connections")]
    private partial void LogDeadlineReached(string app, string deploymentId, int closing);

    private sealed record Armed(DateTimeOffset Deadline, ITimer Timer);
}
