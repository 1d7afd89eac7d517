using Orchestrator.Persistence.Tests.Specs;
using Xunit;

namespace Orchestrator.Persistence.Tests.Sqlite;

public sealed class SqliteJournalSpec(SqliteDatabaseFixture database)
    : JournalSpecBase(database.Config), IClassFixture<SqliteDatabaseFixture>;
