using Akka.Configuration;
using Orchestrator.Persistence.Sqlite;

namespace Orchestrator.Persistence.Tests.Sqlite;

/// <summary>A temp-file SQLite database for one test class, configured like the node's embedded journal (hocon/persistence-sqlite.conf).</summary>
public sealed class SqliteDatabaseFixture : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("orch-sqlite-").FullName;

    public string File => Path.Combine(_directory, "journal.db");

    /// <summary>HOCON that selects the SQLite journal and snapshot store on this database, with the plugins' defaults underneath.</summary>
    public Config Config => On(File);

    /// <summary>The node's embedded journal configuration on <paramref name="file"/>.</summary>
    public static Config On(string file)
    {
        var overrides = ConfigurationFactory.ParseString($$"""
            akka.loglevel = WARNING
            akka.persistence.journal.sqlite.connection-string = "Data Source={{file}}"
            akka.persistence.snapshot-store.sqlite.connection-string = "Data Source={{file}}"
            """);
        var plugins = ConfigurationFactory.ParseString(System.IO.File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "persistence-sqlite.conf")));
        return overrides.WithFallback(plugins).WithFallback(SqlitePersistence.DefaultConfiguration);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
