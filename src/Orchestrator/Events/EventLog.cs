using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Orchestrator.Actors.Deployment;
using Orchestrator.Config;
using Orchestrator.Control;
using Orchestrator.Control.Contracts;

namespace Orchestrator.Events;

/// <summary>
/// <c>orch events</c>: the persisted events of every app (or one) as one timeline, oldest first. Events carry no tags,
/// so an app's events are found by persistence id: its app and route table entities, and every deployment whose first
/// event (<see cref="DeploymentCreated"/>) names it. Following polls the journal every
/// <see cref="Defaults.EventLogPollInterval"/> for events after the last one read of each persistence id. A stack's
/// runs show too, each app's steps under that app.
/// </summary>
internal sealed class EventLog(JournalEvents journal)
{
    /// <summary>Deployment persistence id → its app: a deployment never changes app, so each is read once.</summary>
    private readonly ConcurrentDictionary<string, string> _deploymentApps = new(StringComparer.Ordinal);

    public async IAsyncEnumerable<TimelineEntry> ReadAsync(EventsRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var cursor = new Cursor();
        var first = await ReadNewAsync(request.App, cursor, cancellationToken);
        if (request.App is { } app && cursor.PersistenceIds == 0)
        {
            throw new ControlPlaneException(404, $"the journal holds no events of an app named '{app}'",
                "`orch status` lists the apps; `orch events` without --app shows every app's events");
        }

        foreach (var entry in Page(first, request))
        {
            yield return entry;
        }

        while (request.Follow)
        {
            await Task.Delay(Defaults.EventLogPollInterval, cancellationToken);
            foreach (var entry in await ReadNewAsync(request.App, cursor, cancellationToken))
            {
                yield return entry;
            }
        }
    }

    private static IEnumerable<TimelineEntry> Page(IReadOnlyList<TimelineEntry> all, EventsRequest request) =>
        request.Since is { } since ? all.Where(e => e.At >= since)
        : all.Skip(Math.Max(0, all.Count - (request.Limit ?? EventsRequest.DefaultLimit)));

    /// <summary>The events stored since the cursor was last moved, of the app's persistence ids (new ones included), in time order.</summary>
    private async Task<IReadOnlyList<TimelineEntry>> ReadNewAsync(string? app, Cursor cursor, CancellationToken cancellationToken)
    {
        var entries = new List<TimelineEntry>();
        foreach (var (persistenceId, owner) in await PersistenceIdsOfAsync(app, cancellationToken))
        {
            var events = await journal.EventsAsync(persistenceId, cursor.Next(persistenceId), long.MaxValue, cancellationToken);
            var stack = PersistenceIds.StackOf(persistenceId);
            foreach (var stored in events)
            {
                var shownAs = stack is null ? owner : StackTimeline.OwnerOf(stored.Event, stack, app);
                if (shownAs is not null)
                {
                    entries.Add(TimelineMapper.Map(stored, shownAs, cursor.Previous(persistenceId)));
                }

                cursor.Moved(stored);
            }

            if (stack is null)
            {
                cursor.Seen(persistenceId);
            }
        }

        return [.. entries.OrderBy(e => e.At).ThenBy(e => e.PersistenceId, StringComparer.Ordinal).ThenBy(e => e.SequenceNr)];
    }

    /// <summary>Every app, route table and deployment persistence id with its app (only those of <paramref name="app"/> when given), and every stack's.</summary>
    private async Task<IReadOnlyList<(string PersistenceId, string App)>> PersistenceIdsOfAsync(string? app, CancellationToken cancellationToken)
    {
        var owned = new List<(string, string)>();
        foreach (var persistenceId in await journal.PersistenceIdsAsync(cancellationToken))
        {
            if (PersistenceIds.StackOf(persistenceId) is { } stack)
            {
                // A stack's events name several apps: each is shown under its own (see StackTimeline.OwnerOf).
                owned.Add((persistenceId, StackTimeline.StackOwner(stack)));
                continue;
            }

            var owner = PersistenceIds.AppOf(persistenceId) ?? await DeploymentAppAsync(persistenceId, cancellationToken);
            if (owner is not null && (app is null || owner == app))
            {
                owned.Add((persistenceId, owner));
            }
        }

        return owned;
    }

    private async Task<string?> DeploymentAppAsync(string persistenceId, CancellationToken cancellationToken)
    {
        if (PersistenceIds.DeploymentOf(persistenceId) is null)
        {
            return null;
        }

        if (_deploymentApps.TryGetValue(persistenceId, out var known))
        {
            return known;
        }

        var first = await journal.EventsAsync(persistenceId, 1, 1, cancellationToken);
        if (first is [{ Event: DeploymentCreated created }])
        {
            _deploymentApps[persistenceId] = created.App;
            return created.App;
        }

        return null;
    }

    /// <summary>Per persistence id, the last event read: where the next read starts, and what a route table's next version is compared with.</summary>
    private sealed class Cursor
    {
        private readonly Dictionary<string, JournalEvent> _last = new(StringComparer.Ordinal);
        private readonly HashSet<string> _seen = new(StringComparer.Ordinal);

        public int PersistenceIds => _seen.Count;

        public long Next(string persistenceId) => _last.TryGetValue(persistenceId, out var last) ? last.SequenceNr + 1 : 1;

        public object? Previous(string persistenceId) => _last.GetValueOrDefault(persistenceId)?.Event;

        public void Moved(JournalEvent stored) => _last[stored.PersistenceId] = stored;

        public void Seen(string persistenceId) => _seen.Add(persistenceId);
    }
}
