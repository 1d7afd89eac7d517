using Microsoft.Data.Sqlite;
using Orchestrator.State;
using Xunit;

namespace Orchestrator.Control.Tests.State;

[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class JournalWriteAheadLogTests : IDisposable
{
    private readonly StateDirectory _state = new(Directory.CreateTempSubdirectory("orch-wal-").FullName);

    public void Dispose() => Directory.Delete(_state.Path, recursive: true);

    [Fact]
    public void Enable_NewJournal_EveryConnectionWritesAheadAndSyncsEachCommit()
    {
        StateDirectory.CreateOwnerOnlyFile(_state.JournalPath);

        JournalWriteAheadLog.Enable(_state);

        // As the journal plugin opens it: pooled, no pragmas of its own.
        using var connection = new SqliteConnection($"Data Source={_state.JournalPath};Pooling=True");
        connection.Open();
        Assert.Equal("wal", Scalar(connection, "PRAGMA journal_mode"));
        Assert.Equal(2L, Scalar(connection, "PRAGMA synchronous")); // FULL: a commit is on disk before it returns
        SqliteConnection.ClearAllPools();
    }

    [Fact]
    public void Enable_JournalWithEvents_KeepsThemAll()
    {
        Execute("CREATE TABLE journal (id INTEGER); INSERT INTO journal VALUES (1), (2), (3);");

        JournalWriteAheadLog.Enable(_state);

        var inspection = JournalInspection.Inspect(_state.JournalPath);
        Assert.Equal((JournalCondition.Readable, 3L), (inspection.Condition, inspection.Events));
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = _state.JournalPath, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }

    private void Execute(string sql)
    {
        using var connection = Open();
        Run(connection, sql);
    }

    private static void Run(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static object? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
