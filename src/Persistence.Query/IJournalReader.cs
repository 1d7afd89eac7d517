namespace Orchestrator.Persistence.Query;

/// <summary>The reads of a journal that <see cref="PollingReadJournal"/> builds its queries on.</summary>
internal interface IJournalReader
{
    /// <summary>The highest sequence nr ever written for <paramref name="persistenceId"/>, deleted events included; 0 if none.</summary>
    Task<long> HighestSequenceNrAsync(string persistenceId);

    /// <summary>Up to <paramref name="count"/> stored events of one persistence id within [from, to], in sequence nr order.</summary>
    Task<IReadOnlyList<StoredEvent>> EventsAsync(string persistenceId, long from, long to, int count);

    /// <summary>Every persistence id that has written an event, read <paramref name="pageSize"/> at a time; may repeat an id.</summary>
    IAsyncEnumerable<string> PersistenceIdsAsync(int pageSize, CancellationToken cancellationToken = default);

    /// <summary>The offset of the last event tagged <paramref name="tag"/> so far: where a current query by tag stops.</summary>
    Task<long> TagEndAsync(string tag);

    /// <summary>Up to <paramref name="count"/> events tagged <paramref name="tag"/> with an offset in (after, end], in write order.</summary>
    Task<TaggedPage> TaggedEventsAsync(string tag, long after, long end, int count);
}
