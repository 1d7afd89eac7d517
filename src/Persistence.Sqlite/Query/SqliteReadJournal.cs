using Akka;
using Akka.Actor;
using Akka.Configuration;
using Akka.Persistence.Query;
using Akka.Streams.Dsl;
using Orchestrator.Persistence.Query;

namespace Orchestrator.Persistence.Sqlite.Query;

/// <summary>
/// Akka.Persistence.Query over the SQLite journal:
/// <c>PersistenceQuery.Get(system).ReadJournalFor&lt;SqliteReadJournal&gt;(SqliteReadJournal.Identifier)</c>.
/// Live queries poll the file every refresh-interval; every query reads max-buffer-size items per read.
/// </summary>
public sealed class SqliteReadJournal :
    IPersistenceIdsQuery,
    ICurrentPersistenceIdsQuery,
    IEventsByPersistenceIdQuery,
    ICurrentEventsByPersistenceIdQuery,
    IEventsByTagQuery,
    ICurrentEventsByTagQuery
{
    /// <summary>The HOCON path of the read journal plugin (the assembly's reference.conf).</summary>
    public const string Identifier = SqlitePersistence.ReadJournalPluginId;

    private readonly ReadJournalSettings _settings;
    private readonly JournalReader _reader;
    private readonly EventEnvelopes _envelopes;
    private readonly PollingQueries _queries;

    internal SqliteReadJournal(ExtendedActorSystem system, Config config)
    {
        _settings = ReadJournalSettings.FromConfig(config, SqlitePersistence.JournalPluginId);
        var journal = SqliteSettings.FromConfig(_settings.WritePluginConfig(system));
        _reader = new JournalReader(SqliteDatabases.Get(system).For(journal), system.Serialization);
        _envelopes = new EventEnvelopes(Akka.Persistence.Persistence.Instance.Apply(system).AdaptersFor(_settings.WritePlugin));
        _queries = new PollingQueries(_reader, _envelopes, _settings);
    }

    /// <inheritdoc cref="PollingQueries.PersistenceIds"/>
    public Source<string, NotUsed> PersistenceIds() => _queries.PersistenceIds();

    /// <inheritdoc cref="PollingQueries.CurrentPersistenceIds"/>
    public Source<string, NotUsed> CurrentPersistenceIds() => _queries.CurrentPersistenceIds();

    /// <inheritdoc cref="PollingQueries.EventsByPersistenceId"/>
    public Source<EventEnvelope, NotUsed> EventsByPersistenceId(string persistenceId, long fromSequenceNr, long toSequenceNr) =>
        _queries.EventsByPersistenceId(persistenceId, fromSequenceNr, toSequenceNr);

    /// <inheritdoc cref="PollingQueries.CurrentEventsByPersistenceId"/>
    public Source<EventEnvelope, NotUsed> CurrentEventsByPersistenceId(string persistenceId, long fromSequenceNr, long toSequenceNr) =>
        _queries.CurrentEventsByPersistenceId(persistenceId, fromSequenceNr, toSequenceNr);

    /// <summary>The tag's events after <paramref name="offset"/> in write order, then new ones; an event's offset is its ordering.</summary>
    public Source<EventEnvelope, NotUsed> EventsByTag(string tag, Offset offset)
    {
        var pages = new EventsByTagPages(_reader, _envelopes, tag, until: null, _settings.MaxBufferSize);
        return _queries.Poll<long, EventEnvelope>(PollingQueries.StartAfter(offset), pages.ReadAsync);
    }

    /// <summary>The tag's events after <paramref name="offset"/> in write order, up to the last event written when the query starts.</summary>
    public Source<EventEnvelope, NotUsed> CurrentEventsByTag(string tag, Offset offset)
    {
        var start = PollingQueries.StartAfter(offset);
        return Source.Single(tag)
            .SelectAsync(1, _ => _reader.MaxOrderingAsync())
            .ConcatMany(until =>
            {
                var pages = new EventsByTagPages(_reader, _envelopes, tag, until, _settings.MaxBufferSize);
                return _queries.Poll<long, EventEnvelope>(start, pages.ReadAsync);
            });
    }
}
