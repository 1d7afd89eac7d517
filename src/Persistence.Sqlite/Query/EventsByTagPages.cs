using Akka.Persistence.Query;
using Orchestrator.Persistence.Query;

namespace Orchestrator.Persistence.Sqlite.Query;

/// <summary>
/// Pages of a tag's events in write order. The state is the offset: the ordering of the last event read, so a query
/// resumes after it (the same offsets Akka.Persistence.Sql handed out). Deleted events are skipped.
/// Current: stops at <paramref name="until"/>, the last ordering when the query started. Live (no end): polls.
/// </summary>
/// <remarks>
/// One writer commits the journal's transactions one after another, so once a reader sees an ordering, every lower
/// one is committed too: a live query never passes an event that is still to come.
/// </remarks>
internal sealed class EventsByTagPages(JournalReader reader, EventEnvelopes envelopes, string tag, long? until, int pageSize)
{
    public async Task<QueryPage<long, EventEnvelope>> ReadAsync(long offset)
    {
        var events = await reader.TaggedEventsAsync(tag, offset, until ?? long.MaxValue, pageSize);
        var page = events.SelectMany(e => envelopes.From(e.Event, e.Ordering)).ToList();
        var next = events.Count == 0 ? offset : events[^1].Ordering;
        var end = events.Count == pageSize ? PageEnd.More : until is null ? PageEnd.CaughtUp : PageEnd.Complete;
        return new QueryPage<long, EventEnvelope>(page, next, end);
    }
}
