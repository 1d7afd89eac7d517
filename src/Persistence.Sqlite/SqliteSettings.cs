using Akka.Configuration;
using Microsoft.Data.Sqlite;

namespace Orchestrator.Persistence.Sqlite;

/// <summary>
/// The database file of one SQLite persistence plugin, from the <c>connection-string</c> of its HOCON block. The
/// plugin opens its own connections from it, none pooled: one writer kept open, and a short one per read.
/// </summary>
internal sealed record SqliteSettings(string ConnectionString)
{
    /// <summary>The file, as a full path: plugins naming the same file share one writer.</summary>
    public string DataSource { get; } = Path.GetFullPath(Builder(ConnectionString, SqliteOpenMode.ReadWriteCreate).DataSource);

    /// <summary>Creates the file when it is missing.</summary>
    public string WriterConnectionString => Builder(ConnectionString, SqliteOpenMode.ReadWriteCreate).ToString();

    /// <summary>Read-write so SQLite may recover the write-ahead log, but never creating the file; the readers write nothing.</summary>
    public string ReaderConnectionString => Builder(ConnectionString, SqliteOpenMode.ReadWrite).ToString();

    /// <exception cref="ConfigurationException">The block has no connection string naming a file.</exception>
    public static SqliteSettings FromConfig(Config config)
    {
        var connectionString = config.GetString("connection-string", "");
        return string.IsNullOrWhiteSpace(connectionString) || string.IsNullOrWhiteSpace(new SqliteConnectionStringBuilder(connectionString).DataSource)
            ? throw new ConfigurationException("a SQLite persistence plugin needs a connection-string naming its file: Data Source=<path>")
            : new SqliteSettings(connectionString);
    }

    private static SqliteConnectionStringBuilder Builder(string connectionString, SqliteOpenMode mode) =>
        new(connectionString) { Mode = mode, Pooling = false };
}
