using Akka.Persistence.Query;

namespace Orchestrator.Persistence.Query;

/// <summary>
/// Pages of one persistence id's events within [from, <paramref name="toSequenceNr"/>], offset = sequence nr.
/// Current: <paramref name="toSequenceNr"/> is already capped at the highest sequence nr when the query started.
/// Live: polls until an event at or past <paramref name="toSequenceNr"/> has been read, or the journal's highest
/// sequence nr has reached it (the rest was deleted).
/// </summary>
internal sealed class EventsByPersistenceIdPages(
    IJournalReader reader, EventEnvelopes envelopes, string persistenceId, long toSequenceNr, int pageSize, bool live)
{
    public async Task<QueryPage<long, EventEnvelope>> ReadAsync(long from)
    {
        if (from > toSequenceNr)
        {
            return new QueryPage<long, EventEnvelope>([], from, PageEnd.Complete);
        }

        // Read before the page: the events up to it are then already stored when the page is read.
        var highest = live ? await reader.HighestSequenceNrAsync(persistenceId) : 0L;
        var events = await reader.EventsAsync(persistenceId, from, toSequenceNr, pageSize);
        var next = events.Count == 0 ? from : events[^1].Persistent.SequenceNr + 1;
        var page = events.SelectMany(stored => envelopes.From(stored, stored.Persistent.SequenceNr)).ToList();
        return new QueryPage<long, EventEnvelope>(page, next, End(events.Count, next, highest));
    }

    private PageEnd End(int read, long next, long highest) =>
        next > toSequenceNr ? PageEnd.Complete
        : read == pageSize ? PageEnd.More
        : !live || highest >= toSequenceNr ? PageEnd.Complete
        : PageEnd.CaughtUp;
}
