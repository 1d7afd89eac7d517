using Orchestrator.Persistence.Tests.Specs;
using Xunit;

namespace Orchestrator.Persistence.Tests.Sqlite;

public sealed class SqliteJournalPersistentActorSpec(SqliteDatabaseFixture database)
    : JournalPersistentActorSpecBase(database.Config), IClassFixture<SqliteDatabaseFixture>;
