using Akka.Configuration;
using Akka.Persistence.Sql;
using Microsoft.Data.Sqlite;

namespace Orchestrator.Persistence.Tests.Sqlite;

/// <summary>A temp-file SQLite database for one test class, configured like the node's embedded journal (hocon/persistence-sqlite.conf).</summary>
public sealed class SqliteDatabaseFixture : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("orch-sqlite-").FullName;

    /// <summary>The HOCON path of Akka.Persistence.Sql's read journal, configured on this database by <see cref="Config"/>.</summary>
    public const string ReadJournal = "akka.persistence.query.journal.sql";

    public string File => Path.Combine(_directory, "journal.db");

    /// <summary>HOCON that selects the SQL journal and snapshot store on this database and points the SQL read journal at it, with Akka.Persistence.Sql's defaults underneath.</summary>
    public Config Config
    {
        get
        {
            var connection = $"Data Source={File};Pooling=True";
            var overrides = ConfigurationFactory.ParseString($$"""
                akka.loglevel = WARNING
                akka.persistence.journal.sql.connection-string = "{{connection}}"
                akka.persistence.snapshot-store.sql.connection-string = "{{connection}}"
                {{ReadJournal}} {
                  connection-string = "{{connection}}"
                  provider-name = "SQLite.MS"
                  write-plugin = "akka.persistence.journal.sql"
                }
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
