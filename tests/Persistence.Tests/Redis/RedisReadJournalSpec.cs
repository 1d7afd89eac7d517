using Akka.Configuration;
using Orchestrator.Persistence.Redis.Query;
using Orchestrator.Persistence.Tests.Specs;
using Xunit;

namespace Orchestrator.Persistence.Tests.Redis;

[Collection(RedisCollection.Name)]
public sealed class RedisReadJournalSpec(RedisServerFixture redis)
    : ReadJournalSpecBase(FastSmallPages.WithFallback(redis.Config($"test-{Guid.NewGuid():N}:")), RedisReadJournal.Identifier)
{
    private static readonly Config FastSmallPages = ConfigurationFactory.ParseString("""
        akka.persistence.query.journal.redis { refresh-interval = 100ms, max-buffer-size = 2 }
        """);
}
