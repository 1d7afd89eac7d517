using Akka.Persistence.Query;
using Orchestrator.Persistence.Query;

namespace Orchestrator.Persistence.Redis.Query;

/// <summary>
/// Pages of a tag's events in write order. The state is the offset: how many references of the tag list have been
/// read, so the n-th reference (1-based) has offset n. References to deleted events are skipped but still counted.
/// Current: stops at <paramref name="end"/>, the list's length when the query started. Live (no end): polls.
/// </summary>
internal sealed class EventsByTagPages(JournalReader reader, EventEnvelopes envelopes, string tag, long? end, int pageSize)
{
    public async Task<QueryPage<long, EventEnvelope>> ReadAsync(long offset)
    {
        var wanted = end is { } last ? (int)Math.Min(pageSize, last - offset) : pageSize;
        var references = wanted > 0 ? await reader.TagReferencesAsync(tag, offset, wanted) : [];
        var events = await reader.EventsAsync(references);
        var page = new List<EventEnvelope>();
        for (var i = 0; i < events.Count; i++)
        {
            if (events[i] is { } stored)
            {
                page.AddRange(envelopes.From(stored, offset + i + 1));
            }
        }

        var next = offset + references.Count;
        return new QueryPage<long, EventEnvelope>(page, next, End(wanted, references.Count, next));
    }

    private PageEnd End(int wanted, int read, long next) =>
        end is { } last
            ? (read < wanted || next >= last ? PageEnd.Complete : PageEnd.More)
            : (read == pageSize ? PageEnd.More : PageEnd.CaughtUp);
}
