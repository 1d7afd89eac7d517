using Akka.Persistence;
using Orchestrator.Persistence.Sqlite;

namespace Orchestrator.State;

/// <summary>The SQLite snapshot store, telling the node after every saved snapshot so it backs the journal up.</summary>
/// <remarks>Named by <c>akka.persistence.snapshot-store.sqlite.class</c>; Akka creates it with its plugin config.</remarks>
internal sealed class BackedUpSqliteSnapshotStore(Akka.Configuration.Config snapshotConfig) : SqliteSnapshotStore(snapshotConfig)
{
    /// <summary>The HOCON class name of this store.</summary>
    public static readonly string ClassName = $"{typeof(BackedUpSqliteSnapshotStore).FullName}, {typeof(BackedUpSqliteSnapshotStore).Assembly.GetName().Name}";

    protected override async Task SaveAsync(SnapshotMetadata metadata, object snapshot, CancellationToken cancellationToken = default)
    {
        // Captured before the await: the actor's context is not there when the continuation runs.
        var events = Context.System.EventStream;
        await base.SaveAsync(metadata, snapshot, cancellationToken);
        events.Publish(JournalSnapshotSaved.Instance);
    }
}
