using Microsoft.Data.Sqlite;
using Orchestrator.Persistence.Sqlite;

namespace Orchestrator.State;

/// <summary>What a look at the SQLite journal file found, before any journal plugin opens it.</summary>
internal enum JournalCondition
{
    /// <summary>No file, a 0-byte file, or a database without tables: nothing was ever journaled (or it was lost).</summary>
    Empty,

    /// <summary>A sound SQLite database with the journal's tables.</summary>
    Readable,

    /// <summary>Not a database, failing SQLite's integrity check, or without the journal's tables.</summary>
    Damaged,
}

/// <summary>The condition of a journal file, with SQLite's own words when it is damaged.</summary>
internal sealed record JournalInspection(JournalCondition Condition, string Detail, long Events)
{
    /// <summary>The table the SQLite journal keeps events in (Akka.Persistence.Sql's, whose tables it kept).</summary>
    public const string EventsTable = JournalSchema.EventsTable;

    private const int MaxProblemsShown = 3;

    /// <summary>Opens <paramref name="path"/> (never creating it) and runs <c>PRAGMA integrity_check</c>.</summary>
    public static JournalInspection Inspect(string path)
    {
        if (!File.Exists(path))
        {
            return new JournalInspection(JournalCondition.Empty, "it does not exist", 0);
        }

        if (new FileInfo(path).Length == 0)
        {
            return new JournalInspection(JournalCondition.Empty, "it is empty (0 bytes)", 0);
        }

        try
        {
            // Read-write, so SQLite can roll back a hot journal left by a crash; no pool, so the file is closed after.
            using var connection = new SqliteConnection(new SqliteConnectionStringBuilder
            {
                DataSource = path,
                Mode = SqliteOpenMode.ReadWrite,
                Pooling = false,
            }.ToString());
            connection.Open();
            var problems = Rows(connection, "PRAGMA integrity_check").ToList();
            if (problems is not ["ok"])
            {
                return new JournalInspection(JournalCondition.Damaged,
                    $"SQLite's integrity check failed: {string.Join("; ", problems.Take(MaxProblemsShown))}", 0);
            }

            var tables = Rows(connection, "SELECT name FROM sqlite_master WHERE type = 'table'").ToList();
            if (tables.Count == 0)
            {
                return new JournalInspection(JournalCondition.Empty, "it holds no tables yet", 0);
            }

            if (!tables.Contains(EventsTable))
            {
                return new JournalInspection(JournalCondition.Damaged,
                    $"it has no '{EventsTable}' table (tables: {string.Join(", ", tables)}), so it is not an orch journal", 0);
            }

            var events = long.Parse(Rows(connection, $"SELECT count(*) FROM {EventsTable}").Single(), System.Globalization.CultureInfo.InvariantCulture);
            return new JournalInspection(JournalCondition.Readable, $"a sound SQLite journal with {events} events", events);
        }
        catch (SqliteException e)
        {
            return new JournalInspection(JournalCondition.Damaged, $"SQLite says: {e.Message.TrimEnd('.')}", 0);
        }
    }

    private static IEnumerable<string> Rows(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            yield return Convert.ToString(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture) ?? "";
        }
    }
}
