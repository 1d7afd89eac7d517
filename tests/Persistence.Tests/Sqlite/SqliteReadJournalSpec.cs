using Akka.Configuration;
using Orchestrator.Persistence.Tests.Specs;
using Xunit;

namespace Orchestrator.Persistence.Tests.Sqlite;

/// <summary>The shared read journal specs on Akka.Persistence.Sql's own query plugin.</summary>
public sealed class SqliteReadJournalSpec(SqliteDatabaseFixture database)
    : ReadJournalSpecBase(FastSmallPages.WithFallback(database.Config), SqliteDatabaseFixture.ReadJournal), IClassFixture<SqliteDatabaseFixture>
{
    /// <remarks>Akka.Persistence.Sql only sees new events every query-delay as well as every refresh-interval.</remarks>
    private static readonly Config FastSmallPages = ConfigurationFactory.ParseString("""
        akka.persistence.query.journal.sql {
          refresh-interval = 100ms
          max-buffer-size = 2
          journal-sequence-retrieval.query-delay = 100ms
        }
        """);
}
