using Akka.Actor;
using Akka.Configuration;
using Orchestrator.Persistence.Query;

namespace Orchestrator.Persistence.Sqlite.Query;

/// <summary>
/// Akka.Persistence.Query over the SQLite journal:
/// <c>PersistenceQuery.Get(system).ReadJournalFor&lt;SqliteReadJournal&gt;(SqliteReadJournal.Identifier)</c>.
/// Live queries read the file again every refresh-interval; every query reads max-buffer-size items per read.
/// A tag query's offset is the event's ordering, as Akka.Persistence.Sql handed out.
/// </summary>
public sealed class SqliteReadJournal : PollingReadJournal
{
    /// <summary>The HOCON path of the read journal plugin (the assembly's reference.conf).</summary>
    public const string Identifier = SqlitePersistence.ReadJournalPluginId;

    internal SqliteReadJournal(ExtendedActorSystem system, Config config)
        : base(system, config, SqlitePersistence.JournalPluginId, journal =>
            new JournalReader(SqliteDatabases.Get(system).For(SqliteSettings.FromConfig(journal)), system.Serialization))
    {
    }
}
