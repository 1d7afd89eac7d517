using System.Collections.Immutable;
using Akka.Actor;
using Akka.Configuration;
using Akka.Persistence;
using Akka.Persistence.Journal;
using StackExchange.Redis;

namespace Orchestrator.Persistence.Redis;

/// <summary>An Akka.Persistence journal on Redis: one sorted set of events per persistence id, written atomically per AtomicWrite.</summary>
internal sealed class RedisJournal : AsyncWriteJournal
{
    private readonly RedisPersistenceSettings _settings;
    private readonly RedisKeys _keys;
    // Captured once: Context is not available on await continuations.
    private readonly ActorSystem _system;
    private readonly PersistentCodec _codec;

    public RedisJournal(Config config)
    {
        _settings = RedisPersistenceSettings.FromConfig(config);
        _keys = new RedisKeys(_settings.KeyPrefix);
        _system = Context.System;
        _codec = new PersistentCodec(_system.Serialization);
    }

    protected override async Task<IImmutableList<Exception?>> WriteMessagesAsync(
        IEnumerable<AtomicWrite> messages, CancellationToken cancellationToken)
    {
        var database = await DatabaseAsync();
        var results = ImmutableList.CreateBuilder<Exception?>();
        foreach (var write in messages)
        {
            JournalWrite prepared;
            try
            {
                prepared = Prepare(write);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Only this write is rejected (OnPersistRejected); the rest of the batch still goes.
                results.Add(e);
                continue;
            }

            await database.ScriptEvaluateAsync(JournalScripts.WriteAtomic, prepared.Keys, prepared.Values);
            results.Add(null);
        }

        return results.ToImmutable();
    }

    public override async Task ReplayMessagesAsync(
        IActorContext context, string persistenceId, long fromSequenceNr, long toSequenceNr, long max,
        Action<IPersistentRepresentation> recoveryCallback)
    {
        if (max <= 0 || toSequenceNr < fromSequenceNr)
        {
            return;
        }

        var database = await DatabaseAsync();
        var take = max == long.MaxValue ? -1 : max;
        var entries = await database.SortedSetRangeByScoreAsync(
            _keys.Journal(persistenceId), fromSequenceNr, toSequenceNr, take: take);
        foreach (var entry in entries)
        {
            recoveryCallback(_codec.Decode(entry!).Persistent);
        }
    }

    public override async Task<long> ReadHighestSequenceNrAsync(
        string persistenceId, long fromSequenceNr, CancellationToken cancellationToken)
    {
        var database = await DatabaseAsync();
        var highest = await database.StringGetAsync(_keys.Highest(persistenceId));
        return highest.HasValue ? (long)highest : 0L;
    }

    protected override async Task DeleteMessagesToAsync(
        string persistenceId, long toSequenceNr, CancellationToken cancellationToken)
    {
        var database = await DatabaseAsync();
        await database.SortedSetRemoveRangeByScoreAsync(_keys.Journal(persistenceId), double.NegativeInfinity, toSequenceNr);
    }

    private JournalWrite Prepare(AtomicWrite write)
    {
        var events = (IImmutableList<IPersistentRepresentation>)write.Payload;
        var keys = new List<RedisKey> { _keys.Journal(write.PersistenceId), _keys.Highest(write.PersistenceId), _keys.PersistenceIds };
        var values = new List<RedisValue> { write.PersistenceId, write.HighestSequenceNr, events.Count };
        var tagReferences = new List<RedisValue>();
        var now = DateTime.UtcNow.Ticks;
        foreach (var persistent in events)
        {
            var (untagged, tags) = Untag(persistent);
            values.Add(untagged.SequenceNr);
            values.Add(_codec.Encode(Stamp(untagged, now), tags));
            foreach (var tag in tags)
            {
                keys.Add(_keys.Tag(tag));
                tagReferences.Add(new TagReference(untagged.PersistenceId, untagged.SequenceNr).ToString());
            }
        }

        values.AddRange(tagReferences);
        return new JournalWrite([.. keys], [.. values]);
    }

    /// <summary>Akka leaves the timestamp to the journal (0 = not set); queries report it in UTC ticks.</summary>
    private static IPersistentRepresentation Stamp(IPersistentRepresentation persistent, long utcTicks) =>
        persistent.Timestamp == 0 ? persistent.WithTimestamp(utcTicks) : persistent;

    private static (IPersistentRepresentation Persistent, IImmutableSet<string> Tags) Untag(IPersistentRepresentation persistent) =>
        persistent.Payload is Tagged tagged
            ? (persistent.WithPayload(tagged.Payload), tagged.Tags)
            : (persistent, ImmutableHashSet<string>.Empty);

    private async Task<IDatabase> DatabaseAsync()
    {
        var connection = await RedisConnections.Get(_system).ConnectAsync(_settings.ConnectionString);
        return connection.GetDatabase(_settings.Database);
    }

    private sealed record JournalWrite(RedisKey[] Keys, RedisValue[] Values);
}
