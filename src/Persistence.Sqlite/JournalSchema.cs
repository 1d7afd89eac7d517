using Microsoft.Data.Sqlite;

namespace Orchestrator.Persistence.Sqlite;

/// <summary>
/// The tables of Akka.Persistence.Sql 1.5.73 on SQLite.MS with its default table mapping, statement for statement as
/// it created them, so a <c>journal.db</c> it wrote is this journal's own (README.md has the columns' meaning).
/// </summary>
internal static class JournalSchema
{
    public const string EventsTable = "journal";
    public const string TagsTable = "tags";
    public const string SnapshotsTable = "snapshot";

    private const string WriteAheadLog = "wal";

    /// <summary>SQLite keeps each statement's text as the object's schema, less "IF NOT EXISTS".</summary>
    private static readonly string[] Statements =
    [
        """
        CREATE TABLE IF NOT EXISTS [journal]
        (
        	[ordering]        INTEGER        NOT NULL PRIMARY KEY AUTOINCREMENT,
        	[created]         INTEGER        NOT NULL,
        	[deleted]         Bit            NOT NULL,
        	[persistence_id]  NVarChar(255)  NOT NULL,
        	[sequence_number] INTEGER        NOT NULL,
        	[message]         VarBinary      NOT NULL,
        	[manifest]        NVarChar(500)      NULL,
        	[identifier]      INTEGER            NULL,
        	[writer_uuid]     NVarChar(128)      NULL
        )
        """,
        "CREATE UNIQUE INDEX IF NOT EXISTS journal_uq ON journal (persistence_id, sequence_number)",
        "CREATE INDEX IF NOT EXISTS journal_created_idx ON journal (created)",
        "CREATE INDEX IF NOT EXISTS journal_sequence_number_idx ON journal (sequence_number)",
        """
        CREATE TABLE IF NOT EXISTS [tags]
        (
        	[ordering_id]    INTEGER       NOT NULL,
        	[tag]            NVarChar(64)  NOT NULL,
        	[sequence_nr]    INTEGER       NOT NULL,
        	[persistence_id] NVarChar(255) NOT NULL,

        	CONSTRAINT [PK_tags] PRIMARY KEY ([ordering_id], [tag])
        )
        """,
        "CREATE INDEX IF NOT EXISTS tags_persistence_id_sequence_nr_idx ON tags (persistence_id, sequence_nr)",
        "CREATE INDEX IF NOT EXISTS tags_tag_idx ON tags (tag)",
        """
        CREATE TABLE IF NOT EXISTS [snapshot]
        (
        	[persistence_id]  NVarChar(255) NOT NULL,
        	[sequence_number] INTEGER       NOT NULL,
        	[created]         INTEGER       NOT NULL,
        	[snapshot]        VarBinary         NULL,
        	[manifest]        NVarChar(500)     NULL,
        	[serializer_id]   INTEGER           NULL,

        	CONSTRAINT [PK_snapshot] PRIMARY KEY ([persistence_id], [sequence_number])
        )
        """,
        "CREATE INDEX IF NOT EXISTS snapshot_sequence_number_idx ON snapshot (sequence_number)",
        "CREATE INDEX IF NOT EXISTS snapshot_created_idx ON snapshot (created)",
    ];

    /// <summary>
    /// Puts the writer's connection in WAL mode, which the file keeps (a commit costs one fsync of the log, and reads
    /// never wait for the writer), with synchronous FULL (a commit is on disk before it returns), and creates the
    /// tables that are missing.
    /// </summary>
    /// <exception cref="IOException">SQLite kept another journal mode.</exception>
    public static void Prepare(SqliteConnection writer)
    {
        if (Scalar(writer, $"PRAGMA journal_mode = {WriteAheadLog}") is not WriteAheadLog)
        {
            throw new IOException($"SQLite did not put {writer.DataSource} in {WriteAheadLog} mode");
        }

        Scalar(writer, "PRAGMA synchronous = FULL");
        using var transaction = writer.BeginTransaction();
        foreach (var statement in Statements)
        {
            using var command = writer.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = statement;
            command.ExecuteNonQuery();
        }

        transaction.Commit();
    }

    private static object? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
