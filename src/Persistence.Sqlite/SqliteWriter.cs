using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Orchestrator.Persistence.Sqlite;

/// <summary>
/// The one connection that writes to a SQLite file, on a thread of its own: SQLite lets one writer in at a time, and
/// more writer connections only meet SQLITE_BUSY, which Microsoft.Data.Sqlite retries after 150 ms sleeps. What is
/// pending when the thread gets to it is committed together, about <see cref="MaxWritesPerTransaction"/> writes per
/// transaction (one fsync), each write in a savepoint of its own so a write that fails is undone alone.
/// </summary>
internal sealed class SqliteWriter : IDisposable
{
    public const int MaxWritesPerTransaction = 256;
    private const string Savepoint = "write";

    private readonly SqliteConnection _connection;
    private readonly Action<SqliteConnection> _prepare;
    private readonly BlockingCollection<PendingWrites> _pending = new();
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Thread _thread;
    private bool _disposed;

    /// <param name="prepare">Runs on the writer's connection once it is open, before any write.</param>
    public SqliteWriter(string connectionString, Action<SqliteConnection> prepare, string name)
    {
        _connection = new SqliteConnection(connectionString);
        _prepare = prepare;
        _thread = new Thread(Run) { IsBackground = true, Name = $"sqlite-writer {name}" };
        _thread.Start();
    }

    /// <summary>Completes once the connection is open and prepared; faults with the reason it could not be.</summary>
    public Task Ready => _ready.Task;

    /// <summary>
    /// Runs <paramref name="writes"/> in one transaction, with whatever else is pending. The outcome holds one entry
    /// per write: null when committed, or the <see cref="SqliteException"/> that write alone was rolled back for. The
    /// task faults when the transaction itself failed: then none of the writes is stored.
    /// </summary>
    public Task<Exception?[]> WriteAsync(IReadOnlyList<Action<SqliteConnection>> writes)
    {
        var pending = new PendingWrites(writes, new TaskCompletionSource<Exception?[]>(TaskCreationOptions.RunContinuationsAsynchronously));
        try
        {
            _pending.Add(pending);
        }
        catch (InvalidOperationException)
        {
            return Task.FromException<Exception?[]>(new ObjectDisposedException(nameof(SqliteWriter), "the SQLite writer has stopped"));
        }

        return pending.Outcome.Task;
    }

    /// <summary>Commits what is pending, then closes the connection.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _pending.CompleteAdding();
        _thread.Join();
        _connection.Dispose();
        _pending.Dispose();
    }

    private void Run()
    {
        try
        {
            _connection.Open();
            _prepare(_connection);
            _ready.SetResult();
        }
        catch (Exception e)
        {
            _ready.SetException(e);
            foreach (var pending in _pending.GetConsumingEnumerable())
            {
                pending.Outcome.SetException(e);
            }

            return;
        }

        foreach (var first in _pending.GetConsumingEnumerable())
        {
            Commit(TakeBatch(first));
        }
    }

    /// <summary>The first pending call and those after it, until the batch holds <see cref="MaxWritesPerTransaction"/> writes; a call is never split.</summary>
    private List<PendingWrites> TakeBatch(PendingWrites first)
    {
        var batch = new List<PendingWrites> { first };
        var writes = first.Writes.Count;
        while (writes < MaxWritesPerTransaction && _pending.TryTake(out var next))
        {
            batch.Add(next);
            writes += next.Writes.Count;
        }

        return batch;
    }

    private void Commit(List<PendingWrites> batch)
    {
        var outcomes = new Exception?[batch.Count][];
        try
        {
            Execute("BEGIN IMMEDIATE");
            for (var i = 0; i < batch.Count; i++)
            {
                outcomes[i] = [.. batch[i].Writes.Select(Apply)];
            }

            Execute("COMMIT");
        }
        catch (Exception e)
        {
            var failure = RollBack(e);
            foreach (var pending in batch)
            {
                pending.Outcome.SetException(failure);
            }

            return;
        }

        for (var i = 0; i < batch.Count; i++)
        {
            batch[i].Outcome.SetResult(outcomes[i]);
        }
    }

    private Exception? Apply(Action<SqliteConnection> write)
    {
        Execute($"SAVEPOINT {Savepoint}");
        try
        {
            write(_connection);
        }
        catch (SqliteException e)
        {
            // An error that ended the whole transaction (a full disk, an I/O error) makes ROLLBACK TO throw: the batch fails.
            Execute($"ROLLBACK TO {Savepoint}");
            Execute($"RELEASE {Savepoint}");
            return e;
        }

        Execute($"RELEASE {Savepoint}");
        return null;
    }

    /// <summary>Ends a failed transaction, unless SQLite already has; returns what the writes failed with.</summary>
    private Exception RollBack(Exception cause)
    {
        if (raw.sqlite3_get_autocommit(_connection.Handle) != 0)
        {
            return cause;
        }

        try
        {
            Execute("ROLLBACK");
            return cause;
        }
        catch (SqliteException e)
        {
            return new AggregateException(cause, e);
        }
    }

    private void Execute(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private sealed record PendingWrites(IReadOnlyList<Action<SqliteConnection>> Writes, TaskCompletionSource<Exception?[]> Outcome);
}
