using Microsoft.Data.Sqlite;
using Orchestrator.State;
using Xunit;

namespace Orchestrator.Control.Tests.State;

[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class JournalInspectionTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("orch-journal-").FullName;

    private string Journal => Path.Combine(_dir, "journal.db");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Inspect_Missing_IsEmptyAndCreatesNothing()
    {
        Assert.Equal(JournalCondition.Empty, JournalInspection.Inspect(Journal).Condition);
        Assert.False(File.Exists(Journal));
    }

    [Fact]
    public void Inspect_JournalTableWithEvents_IsReadableAndCountsThem()
    {
        Execute(Journal, "CREATE TABLE journal (id INTEGER); INSERT INTO journal VALUES (1), (2);");

        var inspection = JournalInspection.Inspect(Journal);

        Assert.Equal(JournalCondition.Readable, inspection.Condition);
        Assert.Equal(2, inspection.Events);
    }

    [Fact]
    public void Inspect_AnotherDatabase_IsDamagedNamingItsTables()
    {
        Execute(Journal, "CREATE TABLE customers (id INTEGER);");

        var inspection = JournalInspection.Inspect(Journal);

        Assert.Equal(JournalCondition.Damaged, inspection.Condition);
        Assert.Contains("no 'journal' table (tables: customers)", inspection.Detail);
    }

    [Fact]
    public void Inspect_TextFile_IsDamaged()
    {
        File.WriteAllText(Journal, "this is not a database, but it is long enough to look like a header of one...........");

        Assert.Equal(JournalCondition.Damaged, JournalInspection.Inspect(Journal).Condition);
    }

    [Fact]
    public void Backup_Take_CopiesTheJournalOwnerOnly()
    {
        Execute(Journal, "CREATE TABLE journal (id INTEGER); INSERT INTO journal VALUES (1);");
        var backup = Path.Combine(_dir, "journal.db.backup");

        var copy = JournalBackup.Take(Journal, backup);

        Assert.Equal(1, copy.Events);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(backup));
        Assert.Equal(1, JournalInspection.Inspect(backup).Events);
    }

    [Fact]
    public void Backup_Take_OfADamagedJournal_KeepsThePreviousBackup()
    {
        var backup = Path.Combine(_dir, "journal.db.backup");
        Execute(backup, "CREATE TABLE journal (id INTEGER); INSERT INTO journal VALUES (1);");
        Execute(Journal, "CREATE TABLE customers (id INTEGER);");

        Assert.Throws<IOException>(() => JournalBackup.Take(Journal, backup));

        Assert.Equal(1, JournalInspection.Inspect(backup).Events);
        Assert.False(File.Exists(backup + ".tmp"));
    }

    private static void Execute(string path, string sql)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
