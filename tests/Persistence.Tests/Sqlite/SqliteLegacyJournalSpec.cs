using System.Collections.Immutable;
using Akka.Actor;
using Akka.Persistence;
using Akka.Persistence.Query;
using Akka.Streams;
using Akka.Streams.Dsl;
using Akka.TestKit.Xunit2;
using Orchestrator.Persistence.Sqlite.Query;
using Orchestrator.Persistence.Tests.Specs;
using Xunit;

namespace Orchestrator.Persistence.Tests.Sqlite;

/// <summary>
/// A journal.db that Akka.Persistence.Sql 1.5.73 wrote (Fixtures/README.md has what it holds) read by the SQLite
/// journal, snapshot store and read journal: what an upgraded daemon finds in its state directory.
/// </summary>
public sealed class SqliteLegacyJournalSpec : TestKit
{
    /// <summary>When the old plugin wrote fixture-a's first six events, and its seventh (UTC ticks, from the file).</summary>
    private const long FirstWriteTicks = 639318212492433545;
    private const long SeventhWriteTicks = 639318212495512411;

    private static readonly DateTime SnapshotsSavedAt = new(2025, 11, 3, 10, 0, 0, DateTimeKind.Utc);

    private readonly LegacyJournalCopy _journal;

    public SqliteLegacyJournalSpec()
        : this(new LegacyJournalCopy())
    {
    }

    private SqliteLegacyJournalSpec(LegacyJournalCopy journal)
        : base(SpecConfig.On(SqliteDatabaseFixture.On(journal.File)))
    {
        _journal = journal;
    }

    private IActorRef Journal => Akka.Persistence.Persistence.Instance.Apply(Sys).JournalFor(null);

    private IActorRef SnapshotStore => Akka.Persistence.Persistence.Instance.Apply(Sys).SnapshotStoreFor(null);

    [Fact]
    public void Journal_must_replay_the_events_the_old_plugin_kept_with_their_sequence_nrs_and_timestamps()
    {
        var (events, highest) = Replay("fixture-a");

        Assert.Equal([3L, 4, 5, 6, 7], events.Select(e => e.SequenceNr));
        Assert.Equal(new object[] { "a-3", "a-4", new List<string> { "a-5", "list" }, 42, "a-7" }, events.Select(e => e.Payload));
        Assert.Equal([FirstWriteTicks, FirstWriteTicks, FirstWriteTicks, FirstWriteTicks, SeventhWriteTicks], events.Select(e => e.Timestamp));
        Assert.All(events, e => Assert.Equal("fixture-a", e.PersistenceId));
        Assert.Equal(7, highest);
    }

    [Fact]
    public void Journal_must_report_the_highest_sequence_nr_of_a_persistence_id_the_old_plugin_deleted_entirely()
    {
        var (deleted, deletedHighest) = Replay("fixture-b");
        var (kept, keptHighest) = Replay("fixture-c");

        Assert.Empty(deleted);
        Assert.Equal(3, deletedHighest);
        Assert.Equal(["c-1", "c-2", "c-3"], kept.Select(e => e.Payload));
        Assert.Equal(3, keptHighest);
    }

    [Fact]
    public void SnapshotStore_must_load_the_old_plugins_snapshots_with_their_metadata()
    {
        var latest = Load("fixture-a", SnapshotSelectionCriteria.Latest);
        var older = Load("fixture-a", new SnapshotSelectionCriteria(4));
        var other = Load("fixture-c", SnapshotSelectionCriteria.Latest);

        Assert.Equal(new SnapshotMetadata("fixture-a", 5, SnapshotsSavedAt.AddMinutes(1)), latest?.Metadata);
        Assert.Equal(new List<string> { "snapshot-a-5", "list" }, latest?.Snapshot);
        Assert.Equal(new SnapshotMetadata("fixture-a", 3, SnapshotsSavedAt), older?.Metadata);
        Assert.Equal("snapshot-a-3", older?.Snapshot);
        Assert.Equal(new SnapshotMetadata("fixture-c", 2, SnapshotsSavedAt.AddMinutes(2)), other?.Metadata);
        Assert.Equal("snapshot-c-2", other?.Snapshot);
    }

    [Fact]
    public async Task ReadJournal_must_return_the_old_plugins_tagged_events_at_the_offsets_it_handed_out()
    {
        var journal = PersistenceQuery.Get(Sys).ReadJournalFor<SqliteReadJournal>(SqliteReadJournal.Identifier);

        var blue = await RunAsync(journal.CurrentEventsByTag("blue", Offset.NoOffset()));
        var green = await RunAsync(journal.CurrentEventsByTag("green", Offset.NoOffset()));
        var afterA3 = await RunAsync(journal.CurrentEventsByTag("green", Offset.Sequence(3)));
        var ids = await RunAsync(journal.CurrentPersistenceIds());

        Assert.Equal([("fixture-a", 3L, "a-3", 3L), ("fixture-a", 7L, "a-7", 13L)], blue.Select(Summary));
        Assert.Equal([("fixture-a", 3L, "a-3", 3L), ("fixture-a", 4L, "a-4", 4L), ("fixture-c", 3L, "c-3", 12L)], green.Select(Summary));
        Assert.Equal([["blue", "green"], ["blue"]], blue.Select(e => e.Tags.Order(StringComparer.Ordinal).ToArray()));
        Assert.Equal(["a-4", "c-3"], afterA3.Select(e => e.Event));
        Assert.Equal(["fixture-a", "fixture-b", "fixture-c"], ids.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void PersistentActor_must_recover_from_the_old_plugins_snapshot_and_events_and_write_on_after_them()
    {
        var actor = Sys.ActorOf(Props.Create(() => new Resumer("fixture-a")));
        var recovered = Ask(actor);

        actor.Tell("a-8");
        ExpectMsg("a-8");
        Sys.Stop(actor);
        var again = Ask(Sys.ActorOf(Props.Create(() => new Resumer("fixture-a"))));

        Assert.Equal((5L, 7L), (recovered.SnapshotSequenceNr, recovered.LastSequenceNr));
        Assert.Equal(new object[] { 42, "a-7" }, recovered.Events);
        Assert.Equal(8, again.LastSequenceNr);
        Assert.Equal(new object[] { 42, "a-7", "a-8" }, again.Events);
    }

    [Fact]
    public void Journal_must_leave_the_old_plugins_schema_as_it_was()
    {
        var before = LegacyJournalCopy.Schema(_journal.File);

        Assert.Equal("c-4", Write("fixture-c", 4, "c-4"));
        DeleteTo("fixture-c", 4);

        Assert.Equal(before, LegacyJournalCopy.Schema(_journal.File));
        var (events, highest) = Replay("fixture-c");
        Assert.Empty(events);
        Assert.Equal(4, highest);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            _journal.Dispose();
        }
    }

    private static (string PersistenceId, long SequenceNr, object Event, long Offset) Summary(EventEnvelope e) =>
        (e.PersistenceId, e.SequenceNr, e.Event, ((Sequence)e.Offset).Value);

    private (IReadOnlyList<IPersistentRepresentation> Events, long Highest) Replay(string persistenceId)
    {
        var replayed = Replayed.From(Journal, CreateTestProbe(), 0, long.MaxValue, long.MaxValue, persistenceId);
        return (replayed.Messages, replayed.Highest);
    }

    private object Write(string persistenceId, long sequenceNr, object payload)
    {
        var probe = CreateTestProbe();
        var persistent = new Persistent(payload, sequenceNr, persistenceId, string.Empty, false, ActorRefs.NoSender, "writer");
        Journal.Tell(new WriteMessages([new AtomicWrite(persistent)], probe.Ref, 1));
        probe.ExpectMsg<WriteMessagesSuccessful>();
        return probe.ExpectMsg<WriteMessageSuccess>().Persistent.Payload;
    }

    private void DeleteTo(string persistenceId, long toSequenceNr)
    {
        var probe = CreateTestProbe();
        Journal.Tell(new DeleteMessagesTo(persistenceId, toSequenceNr, probe.Ref));
        probe.ExpectMsg<DeleteMessagesSuccess>();
    }

    private SelectedSnapshot? Load(string persistenceId, SnapshotSelectionCriteria criteria)
    {
        var probe = CreateTestProbe();
        SnapshotStore.Tell(new LoadSnapshot(persistenceId, criteria, long.MaxValue), probe.Ref);
        return probe.ExpectMsg<LoadSnapshotResult>().Snapshot;
    }

    private Resumer.Recovered Ask(IActorRef actor)
    {
        actor.Tell(Resumer.Report.Instance);
        return ExpectMsg<Resumer.Recovered>();
    }

    private Task<IImmutableList<T>> RunAsync<T>(Source<T, Akka.NotUsed> query) =>
        query.RunWith(Sink.Seq<T>(), Sys.Materializer()).WaitAsync(SpecTimeouts.Generous);

    /// <summary>Recovers from the latest snapshot and the events after it, persists the strings it is sent and echoes them once stored.</summary>
    private sealed class Resumer : ReceivePersistentActor
    {
        private readonly List<object> _events = [];
        private long _snapshotSequenceNr;

        public Resumer(string persistenceId)
        {
            PersistenceId = persistenceId;
            Recover<SnapshotOffer>(offer => _snapshotSequenceNr = offer.Metadata.SequenceNr);
            Recover<RecoveryCompleted>(_ => { });
            Recover<object>(_events.Add);
            Command<Report>(_ => Sender.Tell(new Recovered(_snapshotSequenceNr, [.. _events], LastSequenceNr)));
            Command<string>(e =>
            {
                var requester = Sender;
                Persist(e, stored =>
                {
                    _events.Add(stored);
                    requester.Tell(stored);
                });
            });
        }

        public override string PersistenceId { get; }

        public sealed record Recovered(long SnapshotSequenceNr, IReadOnlyList<object> Events, long LastSequenceNr);

        public sealed class Report
        {
            public static readonly Report Instance = new();

            private Report()
            {
            }
        }
    }
}
