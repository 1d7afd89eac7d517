using System.Collections.Concurrent;
using Akka.Actor;

namespace Orchestrator.Persistence.Sqlite;

/// <summary>One <see cref="SqliteDatabase"/> per file per actor system, shared by the plugins naming that file, closed when the system terminates.</summary>
internal sealed class SqliteDatabases : IExtension
{
    private readonly ConcurrentDictionary<string, Lazy<SqliteDatabase>> _databases = new(StringComparer.Ordinal);

    public SqliteDatabases(ExtendedActorSystem system) =>
        system.RegisterOnTermination(DisposeAll);

    public static SqliteDatabases Get(ActorSystem system) => system.WithExtension<SqliteDatabases, SqliteDatabasesProvider>();

    /// <summary>The system's database for the file <paramref name="settings"/> names; the first plugin's connection string opens it.</summary>
    public SqliteDatabase For(SqliteSettings settings) =>
        _databases.GetOrAdd(settings.DataSource, _ => new Lazy<SqliteDatabase>(() => new SqliteDatabase(settings))).Value;

    private void DisposeAll()
    {
        foreach (var database in _databases.Values.Where(d => d.IsValueCreated))
        {
            database.Value.Dispose();
        }
    }
}

internal sealed class SqliteDatabasesProvider : ExtensionIdProvider<SqliteDatabases>
{
    public override SqliteDatabases CreateExtension(ExtendedActorSystem system) => new(system);
}
