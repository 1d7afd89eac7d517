using Akka.Configuration;
using Akka.Persistence;
using Akka.Persistence.Snapshot;
using Microsoft.Data.Sqlite;
using Orchestrator.Persistence.Query;

namespace Orchestrator.Persistence.Sqlite;

/// <summary>
/// An Akka.Persistence snapshot store in the snapshot table of the journal's SQLite file: one row per persistence id
/// and sequence nr, written by the file's single writer. Criteria select by both bounds of sequence nr and timestamp.
/// </summary>
/// <remarks>Not sealed: the daemon's store extends <see cref="SaveAsync"/> to back the file up after each snapshot.</remarks>
internal class SqliteSnapshotStore : SnapshotStore
{
    private const string Criteria = """
        persistence_id = $pid AND sequence_number >= $minSequenceNr AND sequence_number <= $maxSequenceNr
          AND created >= $minTicks AND created <= $maxTicks
        """;

    private readonly SqliteDatabase _database;
    // Captured once: Context is not available on await continuations.
    private readonly Akka.Serialization.Serialization _serialization;

    public SqliteSnapshotStore(Config config)
    {
        _database = SqliteDatabases.Get(Context.System).For(SqliteSettings.FromConfig(config));
        _serialization = Context.System.Serialization;
    }

    protected override Task<SelectedSnapshot?> LoadAsync(
        string persistenceId, SnapshotSelectionCriteria criteria, CancellationToken cancellationToken)
    {
        var serialization = _serialization;
        return _database.ReadAsync(connection =>
        {
            using var load = Command(connection, $"""
                SELECT sequence_number, created, snapshot, manifest, serializer_id FROM snapshot
                WHERE {Criteria} ORDER BY sequence_number DESC LIMIT 1
                """, persistenceId, criteria);
            using var row = load.ExecuteReader();
            if (!row.Read())
            {
                return null;
            }

            var snapshot = SerializedPayload.Deserialize(
                serialization,
                row.GetFieldValue<byte[]>(2),
                row.IsDBNull(4) ? null : row.GetInt32(4),
                row.IsDBNull(3) ? string.Empty : row.GetString(3));
            var metadata = new SnapshotMetadata(persistenceId, row.GetInt64(0), new DateTime(row.GetInt64(1), DateTimeKind.Utc));
            return (SelectedSnapshot?)new SelectedSnapshot(metadata, snapshot);
        });
    }

    /// <summary>A save at a stored sequence nr replaces that snapshot.</summary>
    protected override Task SaveAsync(SnapshotMetadata metadata, object snapshot, CancellationToken cancellationToken)
    {
        var payload = SerializedPayload.Of(_serialization, snapshot);
        return _database.WriteAsync(connection =>
        {
            using var save = connection.Command(
                """
                INSERT OR REPLACE INTO snapshot (persistence_id, sequence_number, created, snapshot, manifest, serializer_id)
                VALUES ($pid, $sequenceNr, $created, $snapshot, $manifest, $serializerId)
                """,
                ("$pid", metadata.PersistenceId), ("$sequenceNr", metadata.SequenceNr), ("$created", metadata.Timestamp.Ticks),
                ("$snapshot", payload.Bytes), ("$manifest", payload.Manifest), ("$serializerId", payload.SerializerId));
            save.ExecuteNonQuery();
        });
    }

    /// <summary>
    /// The snapshot at the metadata's sequence nr, if its timestamp matches (<see cref="SnapshotTimestamp"/>: MinValue
    /// and MaxValue match any).
    /// </summary>
    protected override Task DeleteAsync(SnapshotMetadata metadata, CancellationToken cancellationToken) =>
        _database.WriteAsync(connection =>
        {
            using var delete = connection.Command(
                """
                DELETE FROM snapshot WHERE persistence_id = $pid AND sequence_number = $sequenceNr
                  AND ($ticks IS NULL OR created = $ticks)
                """,
                ("$pid", metadata.PersistenceId), ("$sequenceNr", metadata.SequenceNr),
                ("$ticks", SnapshotTimestamp.AnyTimestamp(metadata) ? null : metadata.Timestamp.Ticks));
            delete.ExecuteNonQuery();
        });

    protected override Task DeleteAsync(string persistenceId, SnapshotSelectionCriteria criteria, CancellationToken cancellationToken) =>
        _database.WriteAsync(connection =>
        {
            using var delete = Command(connection, $"DELETE FROM snapshot WHERE {Criteria}", persistenceId, criteria);
            delete.ExecuteNonQuery();
        });

    private static SqliteCommand Command(SqliteConnection connection, string sql, string persistenceId, SnapshotSelectionCriteria criteria) =>
        connection.Command(
            sql,
            ("$pid", persistenceId),
            ("$minSequenceNr", criteria.MinSequenceNr), ("$maxSequenceNr", criteria.MaxSequenceNr),
            ("$minTicks", (criteria.MinTimestamp ?? DateTime.MinValue).Ticks), ("$maxTicks", criteria.MaxTimeStamp.Ticks));
}
