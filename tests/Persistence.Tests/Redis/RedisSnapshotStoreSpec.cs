using Orchestrator.Persistence.Tests.Specs;
using Xunit;

namespace Orchestrator.Persistence.Tests.Redis;

[Collection(RedisCollection.Name)]
public sealed class RedisSnapshotStoreSpec(RedisServerFixture redis)
    : SnapshotStoreSpecBase(redis.Config($"test-{Guid.NewGuid():N}:"));
