using Akka;
using Akka.Actor;
using Akka.Configuration;
using Akka.Persistence.Query;
using Akka.Streams.Dsl;
using Orchestrator.Persistence.Query;

namespace Orchestrator.Persistence.Redis.Query;

/// <summary>
/// Akka.Persistence.Query over the Redis journal:
/// <c>PersistenceQuery.Get(system).ReadJournalFor&lt;RedisReadJournal&gt;(RedisReadJournal.Identifier)</c>.
/// Live queries poll Redis every refresh-interval; every query reads max-buffer-size items per round trip.
/// </summary>
public sealed class RedisReadJournal :
    IPersistenceIdsQuery,
    ICurrentPersistenceIdsQuery,
    IEventsByPersistenceIdQuery,
    ICurrentEventsByPersistenceIdQuery,
    IEventsByTagQuery,
    ICurrentEventsByTagQuery
{
    /// <summary>The HOCON path of the read journal plugin (hocon/persistence-redis.conf).</summary>
    public const string Identifier = "akka.persistence.query.journal.redis";

    /// <summary>The write plugin the queries read unless write-plugin names another.</summary>
    public const string DefaultWritePlugin = "akka.persistence.journal.redis";

    private readonly ReadJournalSettings _settings;
    private readonly JournalReader _reader;
    private readonly EventEnvelopes _envelopes;
    private readonly PollingQueries _queries;

    internal RedisReadJournal(ExtendedActorSystem system, Config config)
    {
        _settings = ReadJournalSettings.FromConfig(config, DefaultWritePlugin);
        _reader = new JournalReader(system, RedisPersistenceSettings.FromConfig(_settings.WritePluginConfig(system)));
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

    /// <summary>The tag's events after <paramref name="offset"/> in write order, then new ones; offset n is the tag's n-th event.</summary>
    public Source<EventEnvelope, NotUsed> EventsByTag(string tag, Offset offset)
    {
        var pages = new EventsByTagPages(_reader, _envelopes, tag, end: null, _settings.MaxBufferSize);
        return _queries.Poll<long, EventEnvelope>(PollingQueries.StartAfter(offset), pages.ReadAsync);
    }

    /// <summary>The tag's events after <paramref name="offset"/> in write order, up to the last one tagged when the query starts.</summary>
    public Source<EventEnvelope, NotUsed> CurrentEventsByTag(string tag, Offset offset)
    {
        var start = PollingQueries.StartAfter(offset);
        return Source.Single(tag)
            .SelectAsync(1, _reader.TagLengthAsync)
            .ConcatMany(length =>
            {
                var pages = new EventsByTagPages(_reader, _envelopes, tag, length, _settings.MaxBufferSize);
                return _queries.Poll<long, EventEnvelope>(start, pages.ReadAsync);
            });
    }
}
