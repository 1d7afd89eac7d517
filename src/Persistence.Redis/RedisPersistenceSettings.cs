using Akka.Configuration;

namespace Orchestrator.Persistence.Redis;

/// <summary>The connection and key layout settings of one Redis persistence plugin, read from its HOCON block.</summary>
internal sealed record RedisPersistenceSettings(string ConnectionString, int Database, string KeyPrefix)
{
    public const string DefaultConnectionString = "127.0.0.1:6379";
    public const string DefaultKeyPrefix = "orch:";

    public static RedisPersistenceSettings FromConfig(Config config) => new(
        config.GetString("connection-string", DefaultConnectionString),
        config.GetInt("database", 0),
        config.GetString("key-prefix", DefaultKeyPrefix));
}
