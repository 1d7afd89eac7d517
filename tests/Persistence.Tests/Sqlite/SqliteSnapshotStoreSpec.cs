using Orchestrator.Persistence.Tests.Specs;
using Xunit;

namespace Orchestrator.Persistence.Tests.Sqlite;

public sealed class SqliteSnapshotStoreSpec(SqliteDatabaseFixture database)
    : SnapshotStoreSpecBase(database.Config), IClassFixture<SqliteDatabaseFixture>;
