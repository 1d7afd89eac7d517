using Akka.Persistence.Journal;
using Akka.Persistence.Query;

namespace Orchestrator.Persistence.Query;

/// <summary>Turns stored events into query envelopes, through the write journal's event adapters as recovery does.</summary>
internal sealed class EventEnvelopes(EventAdapters adapters)
{
    public IEnumerable<EventEnvelope> From(StoredEvent stored, long offset)
    {
        var persistent = stored.Persistent;
        var tags = stored.Tags.Order(StringComparer.Ordinal).ToArray();
        return adapters.Get(persistent.Payload.GetType())
            .FromJournal(persistent.Payload, persistent.Manifest)
            .Events
            .Select(@event => new EventEnvelope(
                Offset.Sequence(offset), persistent.PersistenceId, persistent.SequenceNr, @event, persistent.Timestamp, tags));
    }
}
