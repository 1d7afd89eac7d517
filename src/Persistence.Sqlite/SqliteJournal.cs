using System.Collections.Immutable;
using Akka.Actor;
using Akka.Configuration;
using Akka.Persistence;
using Akka.Persistence.Journal;
using Microsoft.Data.Sqlite;

namespace Orchestrator.Persistence.Sqlite;

/// <summary>
/// An Akka.Persistence journal on one SQLite file, in Akka.Persistence.Sql's tables: writes are committed by the file's
/// single writer, batched with whatever else is pending; replays and the highest sequence nr are read beside it.
/// </summary>
internal sealed class SqliteJournal : AsyncWriteJournal
{
    private readonly SqliteDatabase _database;
    // Captured once: Context is not available on await continuations.
    private readonly Akka.Serialization.Serialization _serialization;

    public SqliteJournal(Config config)
    {
        _database = SqliteDatabases.Get(Context.System).For(SqliteSettings.FromConfig(config));
        _serialization = Context.System.Serialization;
    }

    /// <summary>
    /// One transaction for the whole call: it fails as a whole when the transaction does. Within it each AtomicWrite is
    /// rejected alone, when its events cannot be serialized or SQLite refuses them (a sequence nr already stored).
    /// </summary>
    protected override async Task<IImmutableList<Exception?>> WriteMessagesAsync(
        IEnumerable<AtomicWrite> messages, CancellationToken cancellationToken)
    {
        var nowTicks = DateTime.UtcNow.Ticks;
        var outcomes = new List<Exception?>();
        var writes = new List<(int Index, Action<SqliteConnection> Write)>();
        foreach (var message in messages)
        {
            try
            {
                var rows = Serialize(message, nowTicks);
                writes.Add((outcomes.Count, connection => JournalStatements.Insert(connection, rows)));
                outcomes.Add(null);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                outcomes.Add(e);
            }
        }

        if (writes.Count > 0)
        {
            var written = await _database.WriteAsync([.. writes.Select(w => w.Write)]);
            for (var i = 0; i < writes.Count; i++)
            {
                outcomes[writes[i].Index] = written[i];
            }
        }

        return outcomes.ToImmutableList();
    }

    public override Task ReplayMessagesAsync(
        IActorContext context, string persistenceId, long fromSequenceNr, long toSequenceNr, long max,
        Action<IPersistentRepresentation> recoveryCallback)
    {
        if (max <= 0 || toSequenceNr < fromSequenceNr)
        {
            return Task.CompletedTask;
        }

        var serialization = _serialization;
        return _database.ReadAsync(connection =>
        {
            JournalStatements.Replay(connection, serialization, persistenceId, fromSequenceNr, toSequenceNr, max, recoveryCallback);
            return true;
        });
    }

    public override Task<long> ReadHighestSequenceNrAsync(string persistenceId, long fromSequenceNr, CancellationToken cancellationToken) =>
        _database.ReadAsync(connection => JournalStatements.HighestSequenceNr(connection, persistenceId));

    protected override Task DeleteMessagesToAsync(string persistenceId, long toSequenceNr, CancellationToken cancellationToken) =>
        _database.WriteAsync(connection => JournalStatements.DeleteTo(connection, persistenceId, toSequenceNr));

    private EventRow[] Serialize(AtomicWrite write, long nowTicks) =>
        [.. ((IImmutableList<IPersistentRepresentation>)write.Payload).Select(persistent => EventRow.Of(_serialization, persistent, nowTicks))];
}
