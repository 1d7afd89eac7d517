using Akka;
using Akka.Actor;
using Akka.Configuration;
using Akka.Persistence.Query;
using Akka.Streams.Dsl;

namespace Orchestrator.Persistence.Query;

/// <summary>
/// Akka.Persistence.Query on a journal's <see cref="IJournalReader"/>: every query reads max-buffer-size items per
/// page, only when downstream asks for more, and live queries poll every refresh-interval once caught up.
/// </summary>
public abstract class PollingReadJournal :
    IPersistenceIdsQuery,
    ICurrentPersistenceIdsQuery,
    IEventsByPersistenceIdQuery,
    ICurrentEventsByPersistenceIdQuery,
    IEventsByTagQuery,
    ICurrentEventsByTagQuery
{
    private readonly ReadJournalSettings _settings;
    private readonly IJournalReader _reader;
    private readonly EventEnvelopes _envelopes;

    /// <param name="reader">The reader of the journal whose HOCON block (write-plugin's) it is handed.</param>
    internal PollingReadJournal(ExtendedActorSystem system, Config config, string defaultWritePlugin, Func<Config, IJournalReader> reader)
    {
        _settings = ReadJournalSettings.FromConfig(config, defaultWritePlugin);
        // Before the reader: Akka.Persistence binds its serializers (Persistent's among them) when it starts, and a
        // process may ask for the read journal before any persistent actor has started it.
        var persistence = Akka.Persistence.Persistence.Instance.Apply(system);
        _reader = reader(_settings.WritePluginConfig(system));
        _envelopes = new EventEnvelopes(persistence.AdaptersFor(_settings.WritePlugin));
    }

    /// <summary>Every persistence id that has written an event, each once, then new ones as they write their first event.</summary>
    public Source<string, NotUsed> PersistenceIds() =>
        Source.Tick(TimeSpan.Zero, _settings.RefreshInterval, NotUsed.Instance)
            .MapMaterializedValue(_ => NotUsed.Instance)
            .ConcatMany(_ => ScanPersistenceIds())
            .Via(Distinct());

    /// <summary>The persistence ids stored when the query runs, each once.</summary>
    public Source<string, NotUsed> CurrentPersistenceIds() => ScanPersistenceIds().Via(Distinct());

    /// <summary>The events from <paramref name="fromSequenceNr"/> to <paramref name="toSequenceNr"/> (inclusive), then new ones until <paramref name="toSequenceNr"/>.</summary>
    public Source<EventEnvelope, NotUsed> EventsByPersistenceId(string persistenceId, long fromSequenceNr, long toSequenceNr)
    {
        var pages = new EventsByPersistenceIdPages(_reader, _envelopes, persistenceId, toSequenceNr, _settings.MaxBufferSize, live: true);
        return Poll<long, EventEnvelope>(fromSequenceNr, pages.ReadAsync);
    }

    /// <summary>The events from <paramref name="fromSequenceNr"/> to <paramref name="toSequenceNr"/> (inclusive) stored when the query starts.</summary>
    public Source<EventEnvelope, NotUsed> CurrentEventsByPersistenceId(string persistenceId, long fromSequenceNr, long toSequenceNr) =>
        Source.Single(persistenceId)
            .SelectAsync(1, _reader.HighestSequenceNrAsync)
            .ConcatMany(highest =>
            {
                var to = Math.Min(toSequenceNr, highest);
                var pages = new EventsByPersistenceIdPages(_reader, _envelopes, persistenceId, to, _settings.MaxBufferSize, live: false);
                return Poll<long, EventEnvelope>(fromSequenceNr, pages.ReadAsync);
            });

    /// <summary>The tag's events after <paramref name="offset"/> (a <see cref="Sequence"/> it handed out, or <see cref="NoOffset"/>) in write order, then new ones.</summary>
    public Source<EventEnvelope, NotUsed> EventsByTag(string tag, Offset offset)
    {
        var pages = new EventsByTagPages(_reader, _envelopes, tag, end: null, _settings.MaxBufferSize);
        return Poll<long, EventEnvelope>(StartAfter(offset), pages.ReadAsync);
    }

    /// <summary>The tag's events after <paramref name="offset"/> in write order, up to the last one tagged when the query starts.</summary>
    public Source<EventEnvelope, NotUsed> CurrentEventsByTag(string tag, Offset offset)
    {
        var start = StartAfter(offset);
        return Source.Single(tag)
            .SelectAsync(1, _reader.TagEndAsync)
            .ConcatMany(end =>
            {
                var pages = new EventsByTagPages(_reader, _envelopes, tag, end, _settings.MaxBufferSize);
                return Poll<long, EventEnvelope>(start, pages.ReadAsync);
            });
    }

    private Source<TElement, NotUsed> Poll<TState, TElement>(TState start, Func<TState, Task<QueryPage<TState, TElement>>> readPage) =>
        Source.FromGraph(new PollingSource<TState, TElement>(start, readPage, _settings.RefreshInterval));

    private Source<string, NotUsed> ScanPersistenceIds() =>
        Source.From(() => _reader.PersistenceIdsAsync(_settings.MaxBufferSize));

    /// <summary>A scan may return an id twice, and live queries scan again every refresh-interval.</summary>
    private static Flow<string, string, NotUsed> Distinct() =>
        Flow.Create<string>().StatefulSelectMany<string, string, string, NotUsed>(() =>
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            return id => seen.Add(id) ? [id] : [];
        });

    private static long StartAfter(Offset offset) => offset switch
    {
        NoOffset => 0,
        Sequence sequence => Math.Max(0, sequence.Value),
        _ => throw new ArgumentException($"this read journal takes a Sequence offset or NoOffset, not {offset.GetType().Name}", nameof(offset)),
    };
}
