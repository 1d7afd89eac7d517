using System.Runtime.CompilerServices;
using Akka.Actor;
using Orchestrator.Persistence.Query;
using StackExchange.Redis;

namespace Orchestrator.Persistence.Redis.Query;

/// <summary>The Redis reads behind the queries, on the journal's keys (see ../README.md) and its shared connection.</summary>
internal sealed class JournalReader(ActorSystem system, RedisPersistenceSettings journal) : IJournalReader
{
    private readonly RedisKeys _keys = new(journal.KeyPrefix);
    private readonly PersistentCodec _codec = new(system.Serialization);

    public async Task<long> HighestSequenceNrAsync(string persistenceId)
    {
        var highest = await (await DatabaseAsync()).StringGetAsync(_keys.Highest(persistenceId));
        return highest.HasValue ? (long)highest : 0L;
    }

    /// <summary>Up to <paramref name="count"/> events of one persistence id within [from, to], in sequence nr order.</summary>
    public async Task<IReadOnlyList<StoredEvent>> EventsAsync(string persistenceId, long from, long to, int count)
    {
        // StackExchange.Redis sends a range whose start is above its stop the other way round.
        if (from > to)
        {
            return [];
        }

        var members = await (await DatabaseAsync()).SortedSetRangeByScoreAsync(_keys.Journal(persistenceId), from, to, take: count);
        return [.. members.Select(member => _codec.Decode(member!))];
    }

    /// <summary>The events <paramref name="references"/> point at, in the same order; null where the event was deleted.</summary>
    private async Task<IReadOnlyList<StoredEvent?>> EventsAsync(IReadOnlyList<TagReference> references)
    {
        var database = await DatabaseAsync();
        // Issued together, so the multiplexer pipelines them in one round trip.
        var reads = references.Select(r => database.SortedSetRangeByScoreAsync(_keys.Journal(r.PersistenceId), r.SequenceNr, r.SequenceNr));
        var members = await Task.WhenAll(reads);
        return [.. members.Select(found => found.Length == 0 ? null : _codec.Decode(found[0]!))];
    }

    /// <summary>The length of the tag list: offset n is its n-th reference (1-based).</summary>
    public async Task<long> TagEndAsync(string tag) => await (await DatabaseAsync()).ListLengthAsync(_keys.Tag(tag));

    /// <summary>
    /// The references after the first <paramref name="after"/> of the tag list, up to the <paramref name="end"/>-th,
    /// and the events they point at. References to deleted events are skipped but still counted.
    /// </summary>
    public async Task<TaggedPage> TaggedEventsAsync(string tag, long after, long end, int count)
    {
        var wanted = (int)Math.Min(count, end - after);
        var references = wanted > 0 ? await TagReferencesAsync(tag, after, wanted) : [];
        var events = await EventsAsync(references);
        var stored = events
            .Select((stored, i) => stored is null ? null : new EventAtOffset(after + i + 1, stored))
            .OfType<EventAtOffset>()
            .ToList();
        return new TaggedPage(stored, after + references.Count, Full: references.Count == wanted);
    }

    /// <summary>Up to <paramref name="count"/> references of a tag list from the 0-based <paramref name="start"/>.</summary>
    private async Task<IReadOnlyList<TagReference>> TagReferencesAsync(string tag, long start, int count)
    {
        var values = await (await DatabaseAsync()).ListRangeAsync(_keys.Tag(tag), start, start + count - 1);
        return [.. values.Select(value => TagReference.Parse(value!))];
    }

    /// <summary>The persistence id set, scanned (SSCAN) <paramref name="pageSize"/> at a time; may repeat an id.</summary>
    public async IAsyncEnumerable<string> PersistenceIdsAsync(int pageSize, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var database = await DatabaseAsync();
        await foreach (var id in database.SetScanAsync(_keys.PersistenceIds, pageSize: pageSize).WithCancellation(cancellationToken))
        {
            yield return id!;
        }
    }

    private async Task<IDatabase> DatabaseAsync()
    {
        var connection = await RedisConnections.Get(system).ConnectAsync(journal.ConnectionString);
        return connection.GetDatabase(journal.Database);
    }
}
