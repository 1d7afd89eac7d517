using StackExchange.Redis;

namespace Orchestrator.Persistence.Redis;

/// <summary>The key layout shared by the journal and the snapshot store (see README.md).</summary>
internal sealed record RedisKeys(string Prefix)
{
    public RedisKey Journal(string persistenceId) => $"{Prefix}journal:{persistenceId}";

    public RedisKey Highest(string persistenceId) => $"{Prefix}highest:{persistenceId}";

    public RedisKey PersistenceIds => $"{Prefix}pids";

    public RedisKey Tag(string tag) => $"{Prefix}tag:{tag}";

    public RedisKey Snapshots(string persistenceId) => $"{Prefix}snapshots:{persistenceId}";
}
