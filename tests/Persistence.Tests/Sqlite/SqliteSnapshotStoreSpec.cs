using Akka.Persistence;
using Orchestrator.Persistence.Tests.Specs;
using Xunit;

namespace Orchestrator.Persistence.Tests.Sqlite;

/// <summary>
/// The shared snapshot store specs on Akka.Persistence.Sql, except the lower bounds of a criteria: its snapshot store
/// reads only <see cref="SnapshotSelectionCriteria.MaxSequenceNr"/> and <see cref="SnapshotSelectionCriteria.MaxTimeStamp"/>
/// (SqlSnapshotStore.DeleteAsync and LoadAsync), so a delete with a lower bound also deletes what lies below it.
/// </summary>
public sealed class SqliteSnapshotStoreSpec(SqliteDatabaseFixture database)
    : SnapshotStoreSpecBase(database.Config), IClassFixture<SqliteDatabaseFixture>
{
    private const string IgnoresLowerBounds = "Akka.Persistence.Sql ignores SnapshotSelectionCriteria.MinSequenceNr and MinTimestamp; pinned by SnapshotStore_deletes_below_the_lower_bounds_as_Akka_Persistence_Sql_ignores_them";

    [Fact(Skip = IgnoresLowerBounds)]
    public override void SnapshotStore_must_delete_by_criteria_within_the_min_sequence_nr()
    {
    }

    [Fact(Skip = IgnoresLowerBounds)]
    public override void SnapshotStore_must_delete_by_criteria_within_the_min_timestamp()
    {
    }

    /// <summary>Fails once Akka.Persistence.Sql honours the lower bounds: then drop the skips above.</summary>
    [Fact]
    public void SnapshotStore_deletes_below_the_lower_bounds_as_Akka_Persistence_Sql_ignores_them()
    {
        SaveFive();

        DeleteSnapshots(new SnapshotSelectionCriteria(2, DateTime.MaxValue, 2));
        DeleteSnapshots(new SnapshotSelectionCriteria(4, DateTime.MaxValue, 0, SavedAt(4)));

        Assert.Equal([5L], StoredSequenceNrs());
    }
}
