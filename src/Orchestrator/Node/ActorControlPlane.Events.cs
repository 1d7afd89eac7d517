using System.Runtime.CompilerServices;
using Orchestrator.Control.Contracts;
using Orchestrator.Events;

namespace Orchestrator.Node;

/// <summary>The event log, read from the journal this node writes.</summary>
internal sealed partial class ActorControlPlane
{
    private EventLog? _eventLog;

    public async IAsyncEnumerable<TimelineEntry> EventsAsync(EventsRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var node = await actors;
        await JournalProbe.EnsureAvailableAsync(node.System, cancellationToken);
        // Racing requests may each make one; they read the same journal, so either serves.
        var log = _eventLog ??= new EventLog(new JournalEvents(node.System));
        await foreach (var entry in log.ReadAsync(request, cancellationToken))
        {
            yield return entry;
        }
    }
}
