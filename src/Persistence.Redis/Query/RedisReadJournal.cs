using Akka.Actor;
using Akka.Configuration;
using Orchestrator.Persistence.Query;

namespace Orchestrator.Persistence.Redis.Query;

/// <summary>
/// Akka.Persistence.Query over the Redis journal:
/// <c>PersistenceQuery.Get(system).ReadJournalFor&lt;RedisReadJournal&gt;(RedisReadJournal.Identifier)</c>.
/// Live queries poll Redis every refresh-interval; every query reads max-buffer-size items per round trip.
/// A tag query's offset n is the tag's n-th event.
/// </summary>
public sealed class RedisReadJournal : PollingReadJournal
{
    /// <summary>The HOCON path of the read journal plugin (hocon/persistence-redis.conf).</summary>
    public const string Identifier = "akka.persistence.query.journal.redis";

    /// <summary>The write plugin the queries read unless write-plugin names another.</summary>
    public const string DefaultWritePlugin = "akka.persistence.journal.redis";

    internal RedisReadJournal(ExtendedActorSystem system, Config config)
        : base(system, config, DefaultWritePlugin, journal => new JournalReader(system, RedisPersistenceSettings.FromConfig(journal)))
    {
    }
}
