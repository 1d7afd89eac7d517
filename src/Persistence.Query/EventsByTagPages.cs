using Akka.Persistence.Query;

namespace Orchestrator.Persistence.Query;

/// <summary>
/// Pages of a tag's events in write order; the state is the offset of the last one read, and a query resumes after
/// it. Current: stops at <paramref name="end"/>, the tag's end when the query started. Live (no end): polls.
/// </summary>
internal sealed class EventsByTagPages(IJournalReader reader, EventEnvelopes envelopes, string tag, long? end, int pageSize)
{
    public async Task<QueryPage<long, EventEnvelope>> ReadAsync(long offset)
    {
        var read = await reader.TaggedEventsAsync(tag, offset, end ?? long.MaxValue, pageSize);
        var page = read.Events.SelectMany(e => envelopes.From(e.Event, e.Offset)).ToList();
        return new QueryPage<long, EventEnvelope>(page, read.Next, End(read));
    }

    private PageEnd End(TaggedPage read) =>
        end is { } last && read.Next >= last ? PageEnd.Complete
        : read.Full ? PageEnd.More
        : end is null ? PageEnd.CaughtUp
        : PageEnd.Complete;
}
