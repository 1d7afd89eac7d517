namespace Orchestrator.Persistence.Query;

/// <summary>The reads of a journal that <see cref="PollingQueries"/> builds its queries on.</summary>
internal interface IJournalReader
{
    /// <summary>The highest sequence nr ever written for <paramref name="persistenceId"/>, deleted events included; 0 if none.</summary>
    Task<long> HighestSequenceNrAsync(string persistenceId);

    /// <summary>Up to <paramref name="count"/> stored events of one persistence id within [from, to], in sequence nr order.</summary>
    Task<IReadOnlyList<StoredEvent>> EventsAsync(string persistenceId, long from, long to, int count);

    /// <summary>Every persistence id that has written an event, read <paramref name="pageSize"/> at a time; may repeat an id.</summary>
    IAsyncEnumerable<string> PersistenceIdsAsync(int pageSize, CancellationToken cancellationToken = default);
}
