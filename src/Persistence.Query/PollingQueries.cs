using Akka;
using Akka.Persistence.Query;
using Akka.Streams.Dsl;

namespace Orchestrator.Persistence.Query;

/// <summary>
/// The queries by persistence id, built the same way on every journal's <see cref="IJournalReader"/>: each reads
/// max-buffer-size items per page when downstream asks for more, and live ones poll every refresh-interval.
/// </summary>
internal sealed class PollingQueries(IJournalReader reader, EventEnvelopes envelopes, ReadJournalSettings settings)
{
    /// <summary>Every persistence id that has written an event, each once, then new ones as they write their first event.</summary>
    public Source<string, NotUsed> PersistenceIds() =>
        Source.Tick(TimeSpan.Zero, settings.RefreshInterval, NotUsed.Instance)
            .MapMaterializedValue(_ => NotUsed.Instance)
            .ConcatMany(_ => ScanPersistenceIds())
            .Via(Distinct());

    /// <summary>The persistence ids stored when the query runs, each once.</summary>
    public Source<string, NotUsed> CurrentPersistenceIds() => ScanPersistenceIds().Via(Distinct());

    /// <summary>The events from <paramref name="fromSequenceNr"/> to <paramref name="toSequenceNr"/> (inclusive), then new ones until <paramref name="toSequenceNr"/>.</summary>
    public Source<EventEnvelope, NotUsed> EventsByPersistenceId(string persistenceId, long fromSequenceNr, long toSequenceNr)
    {
        var pages = new EventsByPersistenceIdPages(reader, envelopes, persistenceId, toSequenceNr, settings.MaxBufferSize, live: true);
        return Poll<long, EventEnvelope>(fromSequenceNr, pages.ReadAsync);
    }

    /// <summary>The events from <paramref name="fromSequenceNr"/> to <paramref name="toSequenceNr"/> (inclusive) stored when the query starts.</summary>
    public Source<EventEnvelope, NotUsed> CurrentEventsByPersistenceId(string persistenceId, long fromSequenceNr, long toSequenceNr) =>
        Source.Single(persistenceId)
            .SelectAsync(1, reader.HighestSequenceNrAsync)
            .ConcatMany(highest =>
            {
                var to = Math.Min(toSequenceNr, highest);
                var pages = new EventsByPersistenceIdPages(reader, envelopes, persistenceId, to, settings.MaxBufferSize, live: false);
                return Poll<long, EventEnvelope>(fromSequenceNr, pages.ReadAsync);
            });

    /// <summary>A source of the pages <paramref name="readPage"/> reads from <paramref name="start"/> on, polling every refresh-interval once caught up.</summary>
    public Source<TElement, NotUsed> Poll<TState, TElement>(TState start, Func<TState, Task<QueryPage<TState, TElement>>> readPage) =>
        Source.FromGraph(new PollingSource<TState, TElement>(start, readPage, settings.RefreshInterval));

    /// <summary>Where a query by tag starts: after the <see cref="Sequence"/> offset a consumer stored, or from the start.</summary>
    public static long StartAfter(Offset offset) => offset switch
    {
        NoOffset => 0,
        Sequence sequence => Math.Max(0, sequence.Value),
        _ => throw new ArgumentException($"this read journal takes a Sequence offset or NoOffset, not {offset.GetType().Name}", nameof(offset)),
    };

    private Source<string, NotUsed> ScanPersistenceIds() =>
        Source.From(() => reader.PersistenceIdsAsync(settings.MaxBufferSize));

    /// <summary>A scan may return an id twice, and live queries scan again every refresh-interval.</summary>
    private static Flow<string, string, NotUsed> Distinct() =>
        Flow.Create<string>().StatefulSelectMany<string, string, string, NotUsed>(() =>
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            return id => seen.Add(id) ? [id] : [];
        });
}
