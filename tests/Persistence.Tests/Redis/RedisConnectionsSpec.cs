using Akka.TestKit.Xunit2;
using Orchestrator.Persistence.Redis;
using Xunit;

namespace Orchestrator.Persistence.Tests.Redis;

[Collection(RedisCollection.Name)]
public sealed class RedisConnectionsSpec(RedisServerFixture redis) : TestKit(redis.Config("unused:"))
{
    [Fact]
    public async Task ConnectAsync_SameConnectionString_SharesOneMultiplexer()
    {
        var connections = RedisConnections.Get(Sys);

        var first = await connections.ConnectAsync(redis.ConnectionString);
        var second = await RedisConnections.Get(Sys).ConnectAsync(redis.ConnectionString);

        Assert.Same(first, second);
        Assert.True(first.IsConnected);
    }
}
