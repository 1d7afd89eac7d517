using Akka.Configuration;
using Orchestrator.Persistence.Sqlite.Query;
using Orchestrator.Persistence.Tests.Specs;
using Xunit;

namespace Orchestrator.Persistence.Tests.Sqlite;

public sealed class SqliteReadJournalSpec(SqliteDatabaseFixture database)
    : ReadJournalSpecBase(FastSmallPages.WithFallback(database.Config), SqliteReadJournal.Identifier), IClassFixture<SqliteDatabaseFixture>
{
    private static readonly Config FastSmallPages = ConfigurationFactory.ParseString("""
        akka.persistence.query.journal.sqlite { refresh-interval = 100ms, max-buffer-size = 2 }
        """);
}
