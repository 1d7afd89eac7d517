using Akka.Persistence;
using Orchestrator.Persistence.Tests.Specs;
using Xunit;

namespace Orchestrator.Persistence.Tests.Redis;

/// <summary>The shared snapshot store specs on Redis, plus the lower bound that only the Redis store honours.</summary>
[Collection(RedisCollection.Name)]
public sealed class RedisSnapshotStoreSpec(RedisServerFixture redis)
    : SnapshotStoreSpecBase(redis.Config($"test-{Guid.NewGuid():N}:"))
{
    /// <remarks>Akka.Persistence.Sql ignores <see cref="SnapshotSelectionCriteria.MinSequenceNr"/> when deleting, so this is not a shared spec.</remarks>
    [Fact]
    public void SnapshotStore_must_delete_by_criteria_within_the_min_sequence_nr()
    {
        SaveFive();

        DeleteSnapshots(new SnapshotSelectionCriteria(4, DateTime.MaxValue, 2));

        Assert.Equal(5, Load(SnapshotSelectionCriteria.Latest)?.Metadata.SequenceNr);
        Assert.Equal(1, Load(new SnapshotSelectionCriteria(4))?.Metadata.SequenceNr);
    }
}
