using Akka.Actor;
using Akka.Persistence.Query;
using Akka.Streams;
using Akka.Streams.Dsl;
using Orchestrator.Persistence.Query;
using Orchestrator.Persistence.Redis.Query;
using Orchestrator.Persistence.Sqlite.Query;

namespace Orchestrator.Events;

/// <summary>The node's journal through its read journal: SQLite's on the embedded default, Redis's in a cluster.</summary>
internal sealed class JournalEvents(ActorSystem system)
{
    private readonly PollingReadJournal _journal = PersistenceQuery.Get(system).ReadJournalFor<PollingReadJournal>(ReadJournalOf(system));
    private readonly IMaterializer _materializer = system.Materializer();

    public Task<IReadOnlyList<string>> PersistenceIdsAsync(CancellationToken cancellationToken) =>
        RunAsync(_journal.CurrentPersistenceIds(), id => id, cancellationToken);

    /// <summary>The events of <paramref name="persistenceId"/> from <paramref name="fromSequenceNr"/> on, stored now.</summary>
    public Task<IReadOnlyList<JournalEvent>> EventsAsync(string persistenceId, long fromSequenceNr, long toSequenceNr, CancellationToken cancellationToken) =>
        RunAsync(
            _journal.CurrentEventsByPersistenceId(persistenceId, fromSequenceNr, toSequenceNr),
            e => new JournalEvent(e.PersistenceId, e.SequenceNr, new DateTimeOffset(e.Timestamp, TimeSpan.Zero), e.Event),
            cancellationToken);

    private async Task<IReadOnlyList<TOut>> RunAsync<TIn, TOut>(Source<TIn, Akka.NotUsed> query, Func<TIn, TOut> map, CancellationToken cancellationToken)
    {
        var all = await query.Select(map).RunWith(Sink.Seq<TOut>(), _materializer).WaitAsync(cancellationToken);
        return all;
    }

    private static string ReadJournalOf(ActorSystem system) =>
        system.Settings.Config.GetString("akka.persistence.journal.plugin") == RedisReadJournal.DefaultWritePlugin
            ? RedisReadJournal.Identifier
            : SqliteReadJournal.Identifier;
}
