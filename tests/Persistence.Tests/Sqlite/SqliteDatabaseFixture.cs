using Akka.Configuration;
using Akka.Persistence.Sql;
using Microsoft.Data.Sqlite;

namespace Orchestrator.Persistence.Tests.Sqlite;

/// <summary>A temp-file SQLite database for one test class, configured like the node's embedded journal (hocon/persistence-sqlite.conf).</summary>
public sealed class SqliteDatabaseFixture : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("orch-sqlite-").FullName;

    public string File => Path.Combine(_directory, "journal.db");

    /// <summary>HOCON that selects the SQL journal and snapshot store on this database, with Akka.Persistence.Sql's defaults underneath.</summary>
    public Config Config
    {
        get
        {
            var connection = $"Data Source={File};Pooling=True";
            var overrides = ConfigurationFactory.ParseString($$"""
                akka.loglevel = WARNING
                akka.persistence.journal.sql.connection-string = "{{connection}}"
                akka.persistence.snapshot-store.sql.connection-string = "{{connection}}"
                """);
            var plugins = ConfigurationFactory.ParseString(System.IO.File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "persistence-sqlite.conf")));
            return overrides.WithFallback(plugins).WithFallback(SqlPersistence.DefaultConfiguration);
        }
    }

    public void Dispose()
    {
        // Pooled connections keep the file open after the test actor systems have terminated.
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}
