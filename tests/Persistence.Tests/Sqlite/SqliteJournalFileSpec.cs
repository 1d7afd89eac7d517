using Akka.Actor;
using Akka.Persistence;
using Akka.TestKit.Xunit2;
using Microsoft.Data.Sqlite;
using Orchestrator.Persistence.Sqlite;
using Orchestrator.Persistence.Tests.Specs;
using Xunit;

namespace Orchestrator.Persistence.Tests.Sqlite;

/// <summary>The file the SQLite journal creates and how it writes it: the old plugin's tables, WAL, synchronous FULL, one writer.</summary>
public sealed class SqliteJournalFileSpec(SqliteDatabaseFixture database)
    : TestKit(SpecConfig.On(database.Config)), IClassFixture<SqliteDatabaseFixture>
{
    private IActorRef Journal => Akka.Persistence.Persistence.Instance.Apply(Sys).JournalFor(null);

    [Fact]
    public void Journal_must_create_the_tables_Akka_Persistence_Sql_created()
    {
        using var legacy = new LegacyJournalCopy();

        Write(new AtomicWrite(Event($"p-{Guid.NewGuid():N}", 1)));

        Assert.Equal(LegacyJournalCopy.Schema(legacy.File), LegacyJournalCopy.Schema(database.File));
    }

    [Fact]
    public async Task Journal_must_write_ahead_and_sync_each_commit()
    {
        Write(new AtomicWrite(Event($"p-{Guid.NewGuid():N}", 1)));
        object? synchronous = null;

        await SqliteDatabases.Get(Sys).For(new SqliteSettings($"Data Source={database.File}"))
            .WriteAsync(connection => synchronous = Scalar(connection, "PRAGMA synchronous"));

        using var reader = new SqliteConnection($"Data Source={database.File};Pooling=False");
        reader.Open();
        Assert.Equal("wal", Scalar(reader, "PRAGMA journal_mode"));
        Assert.Equal(2L, synchronous); // FULL: a commit is on disk before it returns
    }

    [Fact]
    public void Journal_must_reject_only_the_write_whose_sequence_nr_is_taken_and_store_the_others_of_its_transaction()
    {
        var taken = $"p-{Guid.NewGuid():N}";
        var other = $"p-{Guid.NewGuid():N}";
        Write(new AtomicWrite(Event(taken, 1)));
        var probe = CreateTestProbe();

        Journal.Tell(new WriteMessages([new AtomicWrite(Event(other, 1)), new AtomicWrite(Event(taken, 1)), new AtomicWrite(Event(other, 2))], probe.Ref, 1));

        probe.ExpectMsg<WriteMessagesSuccessful>();
        Assert.Equal(other, probe.ExpectMsg<WriteMessageSuccess>().Persistent.PersistenceId);
        Assert.IsType<SqliteException>(probe.ExpectMsg<WriteMessageRejected>().Cause);
        Assert.Equal(2, probe.ExpectMsg<WriteMessageSuccess>().Persistent.SequenceNr);
    }

    private static Persistent Event(string persistenceId, long sequenceNr) =>
        new($"e-{sequenceNr}", sequenceNr, persistenceId, string.Empty, false, ActorRefs.NoSender, "writer");

    private void Write(AtomicWrite write)
    {
        var probe = CreateTestProbe();
        Journal.Tell(new WriteMessages([write], probe.Ref, 1));
        probe.ExpectMsg<WriteMessagesSuccessful>();
        probe.ExpectMsg<WriteMessageSuccess>();
    }

    private static object? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
