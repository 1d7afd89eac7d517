using Microsoft.Data.Sqlite;

namespace Orchestrator.State;

/// <summary>
/// Puts the SQLite journal in write-ahead-log mode, which the file keeps: a commit then costs one fsync of the log
/// instead of a rollback journal's several, and stays as durable (SQLite's <c>synchronous</c> stays FULL, so a commit
/// is on disk before the actor that wrote it goes on). Each deploy commits about four times before it is active.
/// </summary>
internal static class JournalWriteAheadLog
{
    public const string Mode = "wal";

    /// <summary>
    /// Switches <paramref name="state"/>'s journal to WAL (SQLite itself drops a log it finds next to an empty
    /// database file, so a log left by a journal that is gone is never replayed into a new one).
    /// </summary>
    /// <exception cref="IOException">SQLite kept another journal mode.</exception>
    public static void Enable(StateDirectory state)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = state.JournalPath,
            Mode = SqliteOpenMode.ReadWrite,
            Pooling = false,
        }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA journal_mode = {Mode}";
        if (command.ExecuteScalar() is not Mode)
        {
            throw new IOException($"SQLite did not put {state.JournalPath} in {Mode} mode");
        }
    }
}
