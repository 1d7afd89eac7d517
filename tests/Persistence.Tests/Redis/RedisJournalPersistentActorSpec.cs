using Orchestrator.Persistence.Tests.Specs;
using Xunit;

namespace Orchestrator.Persistence.Tests.Redis;

[Collection(RedisCollection.Name)]
public sealed class RedisJournalPersistentActorSpec(RedisServerFixture redis)
    : JournalPersistentActorSpecBase(redis.Config($"test-{Guid.NewGuid():N}:"));
