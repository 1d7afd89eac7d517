using Akka.Configuration;
using Akka.Persistence.Sql;

namespace Orchestrator.Bench.Persistence;

/// <summary>One journal and snapshot store under test, configured like the node does (hocon/persistence-*.conf).</summary>
internal sealed record Backend(string Name, Config Config)
{
    public static Backend Redis(string connectionString, string keyPrefix) => new("Redis", ConfigurationFactory.ParseString($$"""
            akka.loglevel = WARNING
            akka.persistence.journal.plugin = "akka.persistence.journal.redis"
            akka.persistence.snapshot-store.plugin = "akka.persistence.snapshot-store.redis"
            akka.persistence.journal.redis { connection-string = "{{connectionString}}", key-prefix = "{{keyPrefix}}" }
            akka.persistence.snapshot-store.redis { connection-string = "{{connectionString}}", key-prefix = "{{keyPrefix}}" }
            """).WithFallback(Load("persistence-redis.conf")));

    public static Backend Sqlite(string file)
    {
        var connection = $"Data Source={file};Pooling=True";
        var overrides = ConfigurationFactory.ParseString($$"""
            akka.loglevel = WARNING
            akka.persistence.journal.sql.connection-string = "{{connection}}"
            akka.persistence.snapshot-store.sql.connection-string = "{{connection}}"
            """);
        return new("SQLite", overrides.WithFallback(Load("persistence-sqlite.conf")).WithFallback(SqlPersistence.DefaultConfiguration));
    }

    private static Config Load(string file) =>
        ConfigurationFactory.ParseString(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, file)));
}
