using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using Akka.Serialization;
using Microsoft.Data.Sqlite;
using Orchestrator.Persistence.Query;

namespace Orchestrator.Persistence.Sqlite.Query;

/// <summary>The SQLite reads behind the queries, on the journal's tables (see ../README.md) and its short read connections.</summary>
internal sealed class JournalReader(SqliteDatabase database, Serialization serialization) : IJournalReader
{
    /// <summary>The events of the page, each with its ordering and one of its tags (null when it has none) per row.</summary>
    private static string EventsWithTags(string orderBy) => $"""

        SELECT {JournalStatements.EventColumnsOf("e")}, e.ordering, t.tag
        FROM page e LEFT JOIN tags t ON t.ordering_id = e.ordering
        ORDER BY e.{orderBy}, t.tag
        """;

    public Task<long> HighestSequenceNrAsync(string persistenceId) =>
        database.ReadAsync(connection => JournalStatements.HighestSequenceNr(connection, persistenceId));

    public async Task<IReadOnlyList<StoredEvent>> EventsAsync(string persistenceId, long from, long to, int count)
    {
        var events = await ReadTaggedAsync(
            "sequence_number",
            """
            WITH page AS (
              SELECT * FROM journal
              WHERE persistence_id = $pid AND sequence_number >= $from AND sequence_number <= $to AND deleted = 0
              ORDER BY sequence_number LIMIT $count)
            """,
            ("$pid", persistenceId), ("$from", from), ("$to", to), ("$count", count));
        return [.. events.Select(e => e.Event)];
    }

    /// <summary>The ordering of the last event tagged <paramref name="tag"/>, 0 if none.</summary>
    public Task<long> TagEndAsync(string tag) =>
        database.ReadAsync(connection =>
        {
            using var max = connection.Command("SELECT max(ordering_id) FROM tags WHERE tag = $tag", ("$tag", tag));
            return max.ExecuteScalar() is long ordering ? ordering : 0;
        });

    /// <summary>
    /// The stored events tagged <paramref name="tag"/> with an ordering in (after, end], deleted ones left out. One
    /// writer commits one transaction after another, so once an ordering is seen every lower one is committed too.
    /// </summary>
    public async Task<TaggedPage> TaggedEventsAsync(string tag, long after, long end, int count)
    {
        var events = await ReadTaggedAsync(
            "ordering",
            """
            WITH page AS (
              SELECT j.* FROM tags s JOIN journal j ON j.ordering = s.ordering_id
              WHERE s.tag = $tag AND s.ordering_id > $after AND s.ordering_id <= $end AND j.deleted = 0
              ORDER BY s.ordering_id LIMIT $count)
            """,
            ("$tag", tag), ("$after", after), ("$end", end), ("$count", count));
        return new TaggedPage(events, events.Count == 0 ? after : events[^1].Offset, Full: events.Count == count);
    }

    /// <summary>Every persistence id in the journal, in order, read <paramref name="pageSize"/> at a time.</summary>
    public async IAsyncEnumerable<string> PersistenceIdsAsync(int pageSize, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var after = string.Empty;
        while (true)
        {
            var page = await database.ReadAsync(connection => PersistenceIdsAfter(connection, after, pageSize));
            foreach (var id in page)
            {
                yield return id;
            }

            if (page.Count < pageSize)
            {
                yield break;
            }

            cancellationToken.ThrowIfCancellationRequested();
            after = page[^1];
        }
    }

    private static List<string> PersistenceIdsAfter(SqliteConnection connection, string after, int count)
    {
        using var ids = connection.Command(
            "SELECT DISTINCT persistence_id FROM journal WHERE persistence_id > $after ORDER BY persistence_id LIMIT $count",
            ("$after", after), ("$count", count));
        using var rows = ids.ExecuteReader();
        var page = new List<string>();
        while (rows.Read())
        {
            page.Add(rows.GetString(0));
        }

        return page;
    }

    /// <summary>The events <paramref name="page"/> (a <c>WITH page AS (…)</c> of journal rows) selects, each with all of its tags, in <paramref name="orderBy"/> order.</summary>
    private Task<IReadOnlyList<EventAtOffset>> ReadTaggedAsync(string orderBy, string page, params (string Name, object? Value)[] parameters) =>
        database.ReadAsync<IReadOnlyList<EventAtOffset>>(connection =>
        {
            using var query = connection.Command(page + EventsWithTags(orderBy), parameters);
            using var rows = query.ExecuteReader();
            var events = new List<EventAtOffset>();
            var tags = ImmutableHashSet.CreateBuilder<string>(StringComparer.Ordinal);
            var more = rows.Read();
            while (more)
            {
                var ordering = rows.GetInt64(7);
                var persistent = JournalStatements.ReadPersistent(rows, serialization);
                tags.Clear();
                do
                {
                    if (!rows.IsDBNull(8))
                    {
                        tags.Add(rows.GetString(8));
                    }

                    more = rows.Read();
                }
                while (more && rows.GetInt64(7) == ordering);

                events.Add(new EventAtOffset(ordering, new StoredEvent(persistent, tags.ToImmutable())));
            }

            return events;
        });
}

