using Orchestrator.Persistence.Tests.Specs;
using StackExchange.Redis;
using Xunit;

namespace Orchestrator.Persistence.Tests.Redis;

/// <summary>The shared journal specs on Redis, plus the Redis key layout (src/Persistence.Redis/README.md).</summary>
[Collection(RedisCollection.Name)]
public sealed class RedisJournalSpec : JournalSpecBase
{
    private readonly RedisServerFixture _redis;
    private readonly string _prefix;

    public RedisJournalSpec(RedisServerFixture redis)
        : this(redis, $"test-{Guid.NewGuid():N}:")
    {
    }

    private RedisJournalSpec(RedisServerFixture redis, string prefix)
        : base(redis.Config(prefix))
    {
        _redis = redis;
        _prefix = prefix;
    }

    [Fact]
    public async Task Journal_must_record_tags_in_lists_and_persistence_ids_in_a_set()
    {
        WriteMessages(1, 3, TagSecond);

        using var connection = await ConnectionMultiplexer.ConnectAsync(_redis.ConnectionString);
        var database = connection.GetDatabase();
        Assert.Equal([$"2:{Pid}"], (await database.ListRangeAsync($"{_prefix}tag:blue")).Select(v => (string)v!));
        Assert.Equal([$"2:{Pid}"], (await database.ListRangeAsync($"{_prefix}tag:green")).Select(v => (string)v!));
        Assert.Equal([Pid], (await database.SetMembersAsync($"{_prefix}pids")).Select(v => (string)v!));
    }
}
