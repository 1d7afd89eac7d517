using System.Collections.Immutable;
using Akka.Actor;
using Akka.Configuration;
using Akka.Persistence;
using Akka.Persistence.Journal;
using Akka.Persistence.Query;
using Akka.Streams;
using Akka.Streams.Dsl;
using Akka.TestKit;
using Akka.TestKit.Xunit2;
using Xunit;

namespace Orchestrator.Persistence.Tests.Specs;

/// <summary>
/// Read journal behaviour through Akka.Persistence.Query, on events written by real persistent actors; one subclass
/// per backend, configured with a short refresh-interval and a small max-buffer-size so queries read several pages.
/// </summary>
public abstract class ReadJournalSpecBase(Config backend, string readJournalPluginId) : TestKit(backend)
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(15);

    /// <summary>The backend's own HOCON: Sys.Settings.Config also holds what Akka.Persistence injected into Sys.</summary>
    private readonly Config _backend = backend;

    /// <summary>Unique per test so backends that share one database across a test class stay isolated.</summary>
    private readonly string _run = Guid.NewGuid().ToString("N");
    private readonly Dictionary<string, IActorRef> _writers = [];

    private string Tag => $"tag-{_run}";

    private string OtherTag => $"other-{_run}";

    private TJournal Journal<TJournal>() =>
        (TJournal)PersistenceQuery.Get(Sys).ReadJournalFor<IReadJournal>(readJournalPluginId);

    [Fact]
    public async Task CurrentPersistenceIds_must_contain_each_persistence_id_that_has_written_once()
    {
        Write("a", "a-1", "a-2");
        Write("b", "b-1");

        var ids = await RunAsync(Journal<ICurrentPersistenceIdsQuery>().CurrentPersistenceIds());

        Assert.Contains(Pid("a"), ids);
        Assert.Contains(Pid("b"), ids);
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    [Fact]
    public void PersistenceIds_must_see_a_persistence_id_created_after_the_query_started()
    {
        Write("a", "a-1");
        var probe = Subscribe(Journal<IPersistenceIdsQuery>().PersistenceIds());
        probe.FishForMessage<string>(id => id == Pid("a"), Generous);

        Write("b", "b-1");

        probe.FishForMessage<string>(id => id == Pid("b"), Generous);
    }

    [Fact]
    public async Task CurrentEventsByPersistenceId_must_return_the_stored_events_in_order_within_the_bounds()
    {
        Write("a", "a-1", "a-2", "a-3", "a-4", "a-5");
        var journal = Journal<ICurrentEventsByPersistenceIdQuery>();

        var all = await RunAsync(journal.CurrentEventsByPersistenceId(Pid("a"), 0, long.MaxValue));
        var bounded = await RunAsync(journal.CurrentEventsByPersistenceId(Pid("a"), 2, 4));

        Assert.Equal(["a-1", "a-2", "a-3", "a-4", "a-5"], all.Select(e => e.Event));
        Assert.Equal([1L, 2, 3, 4, 5], all.Select(e => e.SequenceNr));
        Assert.All(all, e => Assert.Equal(Pid("a"), e.PersistenceId));
        Assert.Equal([2L, 3, 4], bounded.Select(e => e.SequenceNr));
    }

    [Fact]
    public async Task CurrentEventsByPersistenceId_must_complete_empty_for_an_unknown_persistence_id()
    {
        var events = await RunAsync(Journal<ICurrentEventsByPersistenceIdQuery>().CurrentEventsByPersistenceId(Pid("unknown"), 0, long.MaxValue));

        Assert.Empty(events);
    }

    [Fact]
    public async Task EventsByPersistenceId_queries_must_return_nothing_when_fromSequenceNr_is_above_toSequenceNr()
    {
        Write("a", "a-1", "a-2", "a-3", "a-4", "a-5");

        var current = await RunAsync(Journal<ICurrentEventsByPersistenceIdQuery>().CurrentEventsByPersistenceId(Pid("a"), 4, 3));
        var live = Subscribe(Journal<IEventsByPersistenceIdQuery>().EventsByPersistenceId(Pid("a"), 4, 3));

        Assert.Empty(current);
        Assert.IsType<StreamCompleted>(live.ExpectMsg<object>(Generous));
    }

    /// <summary>
    /// The read journal is this system's first use of Akka.Persistence: no persistent actor has started here, so the
    /// reader must bring Akka.Persistence (and its serialization bindings) up itself before it decodes an event.
    /// </summary>
    [Fact]
    public async Task A_read_journal_asked_for_before_any_persistent_actor_started_must_read_the_stored_events()
    {
        Write("a", "a-1", WithTag("a-2"));
        var reader = ActorSystem.Create($"reader-{_run}", _backend);
        try
        {
            var journal = PersistenceQuery.Get(reader).ReadJournalFor<IReadJournal>(readJournalPluginId);

            var byId = await ((ICurrentEventsByPersistenceIdQuery)journal).CurrentEventsByPersistenceId(Pid("a"), 0, long.MaxValue)
                .RunWith(Sink.Seq<EventEnvelope>(), reader.Materializer()).WaitAsync(Generous);
            var byTag = await ((ICurrentEventsByTagQuery)journal).CurrentEventsByTag(Tag, Offset.NoOffset())
                .RunWith(Sink.Seq<EventEnvelope>(), reader.Materializer()).WaitAsync(Generous);

            Assert.Equal(["a-1", "a-2"], byId.Select(e => e.Event));
            Assert.Equal(["a-2"], byTag.Select(e => e.Event));
        }
        finally
        {
            await reader.Terminate().WaitAsync(Generous);
        }
    }

    [Fact]
    public void EventsByPersistenceId_must_deliver_events_persisted_after_the_query_started_and_complete_at_toSequenceNr()
    {
        Write("a", "a-1", "a-2");
        var probe = Subscribe(Journal<IEventsByPersistenceIdQuery>().EventsByPersistenceId(Pid("a"), 1, 4));
        ExpectEvents(probe, "a-1", "a-2");

        Write("a", "a-3", "a-4", "a-5");

        ExpectEvents(probe, "a-3", "a-4");
        probe.ExpectMsg<StreamCompleted>(Generous);
    }

    [Fact]
    public async Task EventsByPersistenceId_queries_must_not_return_events_deleted_by_DeleteMessagesTo()
    {
        Write("a", "a-1", "a-2", "a-3", "a-4", "a-5");

        DeleteTo("a", 3);

        var current = await RunAsync(Journal<ICurrentEventsByPersistenceIdQuery>().CurrentEventsByPersistenceId(Pid("a"), 0, long.MaxValue));
        Assert.Equal(["a-4", "a-5"], current.Select(e => e.Event));
        var live = Subscribe(Journal<IEventsByPersistenceIdQuery>().EventsByPersistenceId(Pid("a"), 0, long.MaxValue));
        ExpectEvents(live, "a-4", "a-5");
    }

    [Fact]
    public async Task CurrentEventsByTag_must_return_exactly_the_tagged_events_of_several_persistence_ids_in_write_order()
    {
        var before = DateTime.UtcNow;
        WriteTaggedEvents();
        var after = DateTime.UtcNow;

        var events = await RunAsync(Journal<ICurrentEventsByTagQuery>().CurrentEventsByTag(Tag, Offset.NoOffset()));

        Assert.Equal(
            [(Pid("a"), 1L, "a-1"), (Pid("b"), 1L, "b-1"), (Pid("a"), 3L, "a-3"), (Pid("b"), 3L, "b-3")],
            events.Select(e => (e.PersistenceId, e.SequenceNr, (string)e.Event)));
        Assert.Equal([[Tag], [OtherTag, Tag], [Tag], [Tag]], events.Select(e => e.Tags.Order(StringComparer.Ordinal).ToArray()));
        Assert.All(events, e => Assert.InRange(new DateTime(e.Timestamp, DateTimeKind.Utc), before, after));
    }

    [Fact]
    public async Task CurrentEventsByTag_must_resume_after_an_offset_it_returned()
    {
        WriteTaggedEvents();
        var journal = Journal<ICurrentEventsByTagQuery>();
        var all = await RunAsync(journal.CurrentEventsByTag(Tag, Offset.NoOffset()));

        var afterFirst = await RunAsync(journal.CurrentEventsByTag(Tag, all[0].Offset));
        var afterLast = await RunAsync(journal.CurrentEventsByTag(Tag, all[^1].Offset));

        Assert.Equal(["b-1", "a-3", "b-3"], afterFirst.Select(e => e.Event));
        Assert.Equal(all.Skip(1).Select(e => e.Offset), afterFirst.Select(e => e.Offset));
        Assert.Empty(afterLast);
    }

    [Fact]
    public void EventsByTag_must_deliver_tagged_events_persisted_after_the_query_started()
    {
        Write("a", WithTag("a-1"));
        var probe = Subscribe(Journal<IEventsByTagQuery>().EventsByTag(Tag, Offset.NoOffset()));
        ExpectEvents(probe, "a-1");

        Write("b", WithTag("b-1"), "b-2");
        Write("a", WithTag("a-2"));

        ExpectEvents(probe, "b-1", "a-2");
    }

    [Fact]
    public async Task EventsByTag_queries_must_skip_events_deleted_by_DeleteMessagesTo()
    {
        Write("a", WithTag("a-1"), WithTag("a-2"), WithTag("a-3"));
        Write("b", WithTag("b-1"));

        DeleteTo("a", 2);

        var current = await RunAsync(Journal<ICurrentEventsByTagQuery>().CurrentEventsByTag(Tag, Offset.NoOffset()));
        Assert.Equal(["a-3", "b-1"], current.Select(e => e.Event));
        var live = Subscribe(Journal<IEventsByTagQuery>().EventsByTag(Tag, Offset.NoOffset()));
        ExpectEvents(live, "a-3", "b-1");
    }

    /// <summary>With a colon on purpose: Redis tag references are "{sequenceNr}:{persistenceId}".</summary>
    private string Pid(string name) => $"{name}:{_run}";

    /// <summary>The payload tagged with this test's tag and <paramref name="otherTags"/>.</summary>
    private Tagged WithTag(string payload, params string[] otherTags) => new(payload, [Tag, .. otherTags]);

    /// <summary>a: 1 tagged, 2 untagged, 3 tagged; b: 1 tagged twice, 2 tagged with another tag only, 3 tagged; written a-1, a-2, b-1, b-2, a-3, b-3.</summary>
    private void WriteTaggedEvents()
    {
        Write("a", WithTag("a-1"), "a-2");
        Write("b", WithTag("b-1", OtherTag), new Tagged("b-2", [OtherTag]));
        Write("a", WithTag("a-3"));
        Write("b", WithTag("b-3"));
    }

    private void Write(string name, params object[] events)
    {
        var pid = Pid(name);
        if (!_writers.TryGetValue(pid, out var writer))
        {
            writer = _writers[pid] = Sys.ActorOf(Props.Create(() => new Writer(pid)));
        }

        writer.Tell(new Writer.Write(events));
        ExpectMsg<Writer.Written>(Generous);
    }

    private void DeleteTo(string name, long toSequenceNr)
    {
        _writers[Pid(name)].Tell(new Writer.DeleteTo(toSequenceNr));
        ExpectMsg<DeleteMessagesSuccess>(Generous);
    }

    private Task<IImmutableList<T>> RunAsync<T>(Source<T, Akka.NotUsed> query) =>
        query.RunWith(Sink.Seq<T>(), Sys.Materializer()).WaitAsync(Generous);

    private TestProbe Subscribe<T>(Source<T, Akka.NotUsed> query)
    {
        var probe = CreateTestProbe();
        query.RunWith(Sink.ActorRef<T>(probe.Ref, StreamCompleted.Instance, e => new Status.Failure(e)), Sys.Materializer());
        return probe;
    }

    private static void ExpectEvents(TestProbe probe, params string[] events)
    {
        foreach (var expected in events)
        {
            Assert.Equal(expected, probe.ExpectMsg<EventEnvelope>(Generous).Event);
        }
    }

    private sealed class StreamCompleted
    {
        public static readonly StreamCompleted Instance = new();
    }

    /// <summary>Persists each batch it is sent with PersistAll and acknowledges it once stored; deletes on request.</summary>
    private sealed class Writer : ReceivePersistentActor
    {
        private IActorRef _deleteRequester = ActorRefs.Nobody;

        public Writer(string persistenceId)
        {
            PersistenceId = persistenceId;
            Recover<object>(_ => { });
            Command<Write>(write =>
            {
                var requester = Sender;
                PersistAll(write.Events, _ => { });
                DeferAsync(Written.Instance, written => requester.Tell(written));
            });
            Command<DeleteTo>(delete =>
            {
                _deleteRequester = Sender;
                DeleteMessages(delete.SequenceNr);
            });
            Command<DeleteMessagesSuccess>(success => _deleteRequester.Tell(success));
        }

        public override string PersistenceId { get; }

        public sealed record Write(IReadOnlyList<object> Events);

        public sealed record DeleteTo(long SequenceNr);

        public sealed class Written
        {
            public static readonly Written Instance = new();
        }
    }
}
