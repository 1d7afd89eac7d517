using Akka.Configuration;

namespace Orchestrator.Persistence.Sqlite;

/// <summary>The plugin ids of the SQLite persistence plugins and their defaults (reference.conf, embedded in this assembly).</summary>
public static class SqlitePersistence
{
    public const string JournalPluginId = "akka.persistence.journal.sqlite";
    public const string SnapshotStorePluginId = "akka.persistence.snapshot-store.sqlite";
    public const string ReadJournalPluginId = "akka.persistence.query.journal.sqlite";

    /// <summary>The plugins' HOCON blocks, to put under a config that selects them and sets their connection-string.</summary>
    public static Config DefaultConfiguration { get; } = Load();

    private static Config Load()
    {
        using var stream = typeof(SqlitePersistence).Assembly.GetManifestResourceStream("Orchestrator.Persistence.Sqlite.reference.conf")
            ?? throw new InvalidOperationException("reference.conf is not embedded in Orchestrator.Persistence.Sqlite");
        using var reader = new StreamReader(stream);
        return ConfigurationFactory.ParseString(reader.ReadToEnd());
    }
}
