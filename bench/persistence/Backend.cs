using Akka.Configuration;
using Orchestrator.Persistence.Sqlite;

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
        var overrides = ConfigurationFactory.ParseString($$"""
            akka.loglevel = WARNING
            akka.persistence.journal.sqlite.connection-string = "Data Source={{file}}"
            akka.persistence.snapshot-store.sqlite.connection-string = "Data Source={{file}}"
            """);
        return new("SQLite", overrides.WithFallback(Load("persistence-sqlite.conf")).WithFallback(SqlitePersistence.DefaultConfiguration));
    }

    private static Config Load(string file) =>
        ConfigurationFactory.ParseString(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, file)));
}
