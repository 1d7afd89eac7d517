using Akka.Actor;
using Akka.Configuration;
using Akka.Persistence;
using Akka.Persistence.Snapshot;
using Orchestrator.Persistence.Query;
using StackExchange.Redis;

namespace Orchestrator.Persistence.Redis;

/// <summary>An Akka.Persistence snapshot store on Redis: one sorted set of snapshot envelopes per persistence id, scored by sequence nr.</summary>
internal sealed class RedisSnapshotStore : SnapshotStore
{
    private readonly RedisPersistenceSettings _settings;
    private readonly RedisKeys _keys;
    // Captured once: Context is not available on await continuations.
    private readonly ActorSystem _system;

    public RedisSnapshotStore(Config config)
    {
        _settings = RedisPersistenceSettings.FromConfig(config);
        _keys = new RedisKeys(_settings.KeyPrefix);
        _system = Context.System;
    }

    protected override async Task<SelectedSnapshot?> LoadAsync(
        string persistenceId, SnapshotSelectionCriteria criteria, CancellationToken cancellationToken)
    {
        var candidates = await FindAsync(persistenceId, criteria, Order.Descending);
        var latest = candidates.FirstOrDefault();
        if (latest is null)
        {
            return null;
        }

        var metadata = new SnapshotMetadata(persistenceId, latest.Envelope.SequenceNr, latest.Envelope.Timestamp);
        return new SelectedSnapshot(metadata, latest.Envelope.Deserialize(_system.Serialization));
    }

    protected override async Task SaveAsync(SnapshotMetadata metadata, object snapshot, CancellationToken cancellationToken)
    {
        var envelope = SnapshotEnvelope.Create(_system.Serialization, metadata, snapshot);
        var key = _keys.Snapshots(metadata.PersistenceId);
        // A save at an existing sequence nr replaces that snapshot, in one MULTI/EXEC.
        var transaction = (await DatabaseAsync()).CreateTransaction();
        _ = transaction.SortedSetRemoveRangeByScoreAsync(key, metadata.SequenceNr, metadata.SequenceNr);
        _ = transaction.SortedSetAddAsync(key, envelope.ToBytes(), metadata.SequenceNr);
        await transaction.ExecuteAsync();
    }

    /// <summary>The snapshot at the metadata's sequence nr, if its timestamp matches (<see cref="SnapshotTimestamp"/>: MinValue and MaxValue match any).</summary>
    protected override async Task DeleteAsync(SnapshotMetadata metadata, CancellationToken cancellationToken)
    {
        var database = await DatabaseAsync();
        var key = _keys.Snapshots(metadata.PersistenceId);
        var members = await database.SortedSetRangeByScoreAsync(key, metadata.SequenceNr, metadata.SequenceNr);
        var matching = members.Where(member => SnapshotTimestamp.Matches(metadata, SnapshotEnvelope.FromBytes(member!).TimestampTicks)).ToArray();
        if (matching.Length > 0)
        {
            await database.SortedSetRemoveAsync(key, matching);
        }
    }

    protected override async Task DeleteAsync(
        string persistenceId, SnapshotSelectionCriteria criteria, CancellationToken cancellationToken)
    {
        var matching = await FindAsync(persistenceId, criteria, Order.Ascending);
        if (matching.Count == 0)
        {
            return;
        }

        var database = await DatabaseAsync();
        await database.SortedSetRemoveAsync(_keys.Snapshots(persistenceId), [.. matching.Select(m => m.Member)]);
    }

    private async Task<IReadOnlyList<StoredSnapshot>> FindAsync(
        string persistenceId, SnapshotSelectionCriteria criteria, Order order)
    {
        var database = await DatabaseAsync();
        var members = await database.SortedSetRangeByScoreAsync(
            _keys.Snapshots(persistenceId), criteria.MinSequenceNr, criteria.MaxSequenceNr, order: order);
        return [.. members
            .Select(member => new StoredSnapshot(member, SnapshotEnvelope.FromBytes(member!)))
            .Where(stored => stored.Envelope.Matches(criteria))];
    }

    private async Task<IDatabase> DatabaseAsync()
    {
        var connection = await RedisConnections.Get(_system).ConnectAsync(_settings.ConnectionString);
        return connection.GetDatabase(_settings.Database);
    }

    private sealed record StoredSnapshot(RedisValue Member, SnapshotEnvelope Envelope);
}
