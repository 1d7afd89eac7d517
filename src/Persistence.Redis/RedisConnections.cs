using System.Collections.Concurrent;
using Akka.Actor;
using StackExchange.Redis;

namespace Orchestrator.Persistence.Redis;

/// <summary>One shared <see cref="ConnectionMultiplexer"/> per connection string per actor system, closed when the system terminates.</summary>
internal sealed class RedisConnections : IExtension
{
    /// <summary>How often a lost connection is retried: the journal is usable again within about this long of Redis coming back.</summary>
    public static readonly TimeSpan ReconnectInterval = TimeSpan.FromSeconds(1);

    private readonly ConcurrentDictionary<string, Lazy<Task<ConnectionMultiplexer>>> _connections = new(StringComparer.Ordinal);

    public RedisConnections(ExtendedActorSystem system) =>
        system.RegisterOnTermination(DisposeAll);

    public static RedisConnections Get(ActorSystem system) => system.WithExtension<RedisConnections, RedisConnectionsProvider>();

    /// <summary>The system's connection for <paramref name="connectionString"/>, connecting on first use.</summary>
    /// <remarks>Does not abort when Redis is down at first: the multiplexer keeps reconnecting and calls fail until it is back.</remarks>
    public Task<ConnectionMultiplexer> ConnectAsync(string connectionString) =>
        _connections.GetOrAdd(
            connectionString,
            cs => new Lazy<Task<ConnectionMultiplexer>>(() => ConnectionMultiplexer.ConnectAsync(Options(cs)))).Value;

    private static ConfigurationOptions Options(string connectionString)
    {
        var options = ConfigurationOptions.Parse(connectionString);
        options.AbortOnConnectFail = false;
        options.ReconnectRetryPolicy = new LinearRetry((int)ReconnectInterval.TotalMilliseconds);
        return options;
    }

    private void DisposeAll()
    {
        foreach (var connection in _connections.Values.Where(c => c.IsValueCreated))
        {
            if (connection.Value.IsCompletedSuccessfully)
            {
                connection.Value.Result.Dispose();
            }
        }
    }
}

internal sealed class RedisConnectionsProvider : ExtensionIdProvider<RedisConnections>
{
    public override RedisConnections CreateExtension(ExtendedActorSystem system) => new(system);
}
