using Akka.Actor;
using Akka.Persistence;
using Akka.Serialization;
using Microsoft.Data.Sqlite;

namespace Orchestrator.Persistence.Sqlite;

/// <summary>The journal's statements on the journal and tags tables (see README.md for what a row means).</summary>
internal static class JournalStatements
{
    /// <summary>What <see cref="ReadPersistent"/> reads, as the first columns of a row.</summary>
    public const string EventColumns = "persistence_id, sequence_number, created, message, manifest, identifier, writer_uuid";

    /// <summary><see cref="EventColumns"/>, each qualified by <paramref name="table"/>.</summary>
    public static string EventColumnsOf(string table) =>
        string.Join(", ", EventColumns.Split(", ").Select(column => $"{table}.{column}"));

    /// <summary>Inserts the events of one AtomicWrite and their tags; a sequence nr already stored fails it (journal_uq).</summary>
    public static void Insert(SqliteConnection connection, IReadOnlyList<EventRow> rows)
    {
        foreach (var row in rows)
        {
            using var insert = connection.Command(
                """
                INSERT INTO journal (created, deleted, persistence_id, sequence_number, message, manifest, identifier, writer_uuid)
                VALUES ($created, 0, $pid, $sequenceNr, $message, $manifest, $identifier, $writer)
                RETURNING ordering
                """,
                ("$created", row.CreatedTicks), ("$pid", row.PersistenceId), ("$sequenceNr", row.SequenceNr),
                ("$message", row.Payload.Bytes), ("$manifest", row.Payload.Manifest), ("$identifier", row.Payload.SerializerId),
                ("$writer", row.WriterUuid));
            var ordering = (long)insert.ExecuteScalar()!;
            foreach (var tag in row.Tags)
            {
                using var tagRow = connection.Command(
                    "INSERT INTO tags (ordering_id, tag, sequence_nr, persistence_id) VALUES ($ordering, $tag, $sequenceNr, $pid)",
                    ("$ordering", ordering), ("$tag", tag), ("$sequenceNr", row.SequenceNr), ("$pid", row.PersistenceId));
                tagRow.ExecuteNonQuery();
            }
        }
    }

    /// <summary>
    /// Deletes the events up to <paramref name="toSequenceNr"/> as Akka.Persistence.Sql did: all are marked deleted,
    /// the highest marked one stays as a tombstone (so the highest sequence nr survives deleting everything), the rows
    /// below it and the deleted events' tags go.
    /// </summary>
    public static void DeleteTo(SqliteConnection connection, string persistenceId, long toSequenceNr)
    {
        using var delete = connection.Command(
            """
            UPDATE journal SET deleted = 1 WHERE persistence_id = $pid AND sequence_number <= $to AND deleted = 0;
            DELETE FROM tags WHERE persistence_id = $pid AND sequence_nr <= $to;
            DELETE FROM journal WHERE persistence_id = $pid AND sequence_number <= $to
              AND sequence_number < (SELECT max(sequence_number) FROM journal WHERE persistence_id = $pid AND deleted = 1);
            """,
            ("$pid", persistenceId), ("$to", toSequenceNr));
        delete.ExecuteNonQuery();
    }

    /// <summary>The highest sequence nr written for <paramref name="persistenceId"/>, tombstones included; 0 if none.</summary>
    public static long HighestSequenceNr(SqliteConnection connection, string persistenceId)
    {
        using var highest = connection.Command(
            "SELECT max(sequence_number) FROM journal WHERE persistence_id = $pid", ("$pid", persistenceId));
        return highest.ExecuteScalar() is long sequenceNr ? sequenceNr : 0;
    }

    /// <summary>Hands up to <paramref name="max"/> stored events within [from, to] to <paramref name="replayed"/> as they are read, in sequence nr order.</summary>
    public static void Replay(
        SqliteConnection connection, Serialization serialization, string persistenceId, long from, long to, long max,
        Action<IPersistentRepresentation> replayed)
    {
        using var replay = connection.Command(
            $"""
            SELECT {EventColumns} FROM journal
            WHERE persistence_id = $pid AND sequence_number >= $from AND sequence_number <= $to AND deleted = 0
            ORDER BY sequence_number LIMIT $max
            """,
            ("$pid", persistenceId), ("$from", from), ("$to", to), ("$max", max));
        using var rows = replay.ExecuteReader();
        while (rows.Read())
        {
            replayed(ReadPersistent(rows, serialization));
        }
    }

    /// <summary>
    /// The event in the first columns (<see cref="EventColumns"/>) of <paramref name="row"/>. No column keeps the
    /// event adapter's manifest, so the event comes back with none; the writer guid is the one it was written with
    /// (rows of the old plugin hold that plugin's own id).
    /// </summary>
    public static IPersistentRepresentation ReadPersistent(SqliteDataReader row, Serialization serialization)
    {
        var payload = SerializedPayload.Deserialize(
            serialization,
            row.GetFieldValue<byte[]>(3),
            row.IsDBNull(5) ? null : row.GetInt32(5),
            row.IsDBNull(4) ? string.Empty : row.GetString(4));
        return new Persistent(
            payload,
            sequenceNr: row.GetInt64(1),
            persistenceId: row.GetString(0),
            manifest: string.Empty,
            isDeleted: false,
            sender: ActorRefs.NoSender,
            writerGuid: row.IsDBNull(6) ? string.Empty : row.GetString(6),
            timestamp: row.GetInt64(2));
    }
}
