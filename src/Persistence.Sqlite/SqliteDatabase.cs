using System.Runtime.ExceptionServices;
using Microsoft.Data.Sqlite;

namespace Orchestrator.Persistence.Sqlite;

/// <summary>
/// One journal file as the plugins use it: writes go to its single <see cref="SqliteWriter"/>; reads open a short
/// connection of their own on the thread pool, which in WAL mode sees the last commit and never waits for the writer.
/// </summary>
internal sealed class SqliteDatabase : IDisposable
{
    private readonly SqliteSettings _settings;
    private readonly SqliteWriter _writer;

    public SqliteDatabase(SqliteSettings settings)
    {
        _settings = settings;
        _writer = new SqliteWriter(settings.WriterConnectionString, JournalSchema.Prepare, Path.GetFileName(settings.DataSource));
    }

    /// <inheritdoc cref="SqliteWriter.WriteAsync"/>
    public Task<Exception?[]> WriteAsync(IReadOnlyList<Action<SqliteConnection>> writes) => _writer.WriteAsync(writes);

    /// <summary>Runs <paramref name="write"/> in a transaction; throws what it failed with.</summary>
    public async Task WriteAsync(Action<SqliteConnection> write)
    {
        var outcomes = await _writer.WriteAsync([write]).ConfigureAwait(false);
        if (outcomes[0] is { } failure)
        {
            ExceptionDispatchInfo.Throw(failure);
        }
    }

    /// <summary>Runs <paramref name="read"/> on a connection of its own, once the schema exists.</summary>
    public async Task<T> ReadAsync<T>(Func<SqliteConnection, T> read)
    {
        await _writer.Ready.ConfigureAwait(false);
        return await Task.Run(() =>
        {
            using var connection = new SqliteConnection(_settings.ReaderConnectionString);
            connection.Open();
            return read(connection);
        }).ConfigureAwait(false);
    }

    public void Dispose() => _writer.Dispose();
}
