using Akka.TestKit.Xunit2;
using Xunit;

namespace Orchestrator.Persistence.Tests.Redis;

/// <summary>A spec with a redis-server of its own, configured to be killed and restarted (see <see cref="RedisOutage"/>).</summary>
public abstract class RedisOutageSpec : TestKit, IAsyncLifetime
{
    protected RedisOutageSpec()
        : this(RedisOutage.Server())
    {
    }

    private RedisOutageSpec(RedisServerFixture redis)
        : base(RedisOutage.JournalConfig(redis)) =>
        Redis = redis;

    protected RedisServerFixture Redis { get; }

    public Task InitializeAsync() => Redis.InitializeAsync();

    public Task DisposeAsync() => Redis.DisposeAsync();
}
