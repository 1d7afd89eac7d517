using Microsoft.Data.Sqlite;

namespace Orchestrator.Persistence.Tests.Sqlite;

/// <summary>A copy of the journal Akka.Persistence.Sql wrote (Fixtures/README.md) in a temp directory of its own, deleted on dispose.</summary>
internal sealed class LegacyJournalCopy : IDisposable
{
    private const string Fixture = "akka-persistence-sql-1.5.73.db";
    private readonly string _directory = Directory.CreateTempSubdirectory("orch-legacy-").FullName;

    public LegacyJournalCopy() =>
        System.IO.File.Copy(Path.Combine(AppContext.BaseDirectory, "Sqlite", "Fixtures", Fixture), File);

    public string File => Path.Combine(_directory, "journal.db");

    /// <summary>Every table, index and sequence of <paramref name="file"/> as SQLite keeps it: type, name, table and the statement that made it.</summary>
    public static IReadOnlyList<string> Schema(string file)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Mode = SqliteOpenMode.ReadWrite, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT type, name, tbl_name, coalesce(sql, '') FROM sqlite_master ORDER BY type, name";
        using var rows = command.ExecuteReader();
        var schema = new List<string>();
        while (rows.Read())
        {
            schema.Add($"{rows.GetString(0)} {rows.GetString(1)} on {rows.GetString(2)}: {rows.GetString(3)}");
        }

        return schema;
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
