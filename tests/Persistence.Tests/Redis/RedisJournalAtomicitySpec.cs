using Akka.Actor;
using Akka.Persistence;
using Akka.Persistence.Journal;
using Akka.TestKit.Xunit2;
using StackExchange.Redis;
using Xunit;

namespace Orchestrator.Persistence.Tests.Redis;

/// <summary>A write the journal cannot complete whole is refused before anything of it is stored (src/Persistence.Redis/README.md, Invariants).</summary>
[Collection(RedisCollection.Name)]
public sealed class RedisJournalAtomicitySpec : TestKit
{
    private readonly RedisServerFixture _redis;
    private readonly string _prefix;
    private readonly string _pid = $"a-{Guid.NewGuid():N}";

    public RedisJournalAtomicitySpec(RedisServerFixture redis)
        : this(redis, $"test-{Guid.NewGuid():N}:")
    {
    }

    private RedisJournalAtomicitySpec(RedisServerFixture redis, string prefix)
        : base(redis.Config(prefix))
    {
        _redis = redis;
        _prefix = prefix;
    }

    [Fact]
    public async Task PersistentActor_must_store_nothing_of_a_batch_whose_tag_key_holds_the_wrong_type()
    {
        using var connection = await ConnectionMultiplexer.ConnectAsync(_redis.ConnectionString);
        var database = connection.GetDatabase();
        var writer = Sys.ActorOf(BatchWriter.Props(_pid, TestActor));
        writer.Tell(new BatchWriter.Batch("green", ["a", "b"]));
        ExpectMsg("persisted:a");
        ExpectMsg("persisted:b");
        await database.StringSetAsync($"{_prefix}tag:blue", "not a list");

        Watch(writer);
        writer.Tell(new BatchWriter.Batch("blue", ["c", "d", "e"]));

        Assert.Contains($"{_prefix}tag:blue", ExpectMsg<BatchWriter.PersistFailed>().Reason);
        FishForMessage(m => m is Terminated t && t.ActorRef.Equals(writer));
        Assert.Equal(["a", "b"], Recover());
        Assert.Equal(2, (long)await database.StringGetAsync($"{_prefix}highest:{_pid}"));
        Assert.Equal("not a list", await database.StringGetAsync($"{_prefix}tag:blue"));

        await database.KeyDeleteAsync($"{_prefix}tag:blue");
        Sys.ActorOf(BatchWriter.Props(_pid, TestActor)).Tell(new BatchWriter.Batch("blue", ["f", "g"]));
        ExpectMsg("persisted:f");
        ExpectMsg("persisted:g");

        Assert.Equal(["a", "b", "f", "g"], Recover());
        Assert.Equal([$"3:{_pid}", $"4:{_pid}"], (await database.ListRangeAsync($"{_prefix}tag:blue")).Select(v => (string)v!));
    }

    [Fact]
    public void PersistentActor_must_fail_instead_of_storing_a_sequence_nr_another_writer_already_stored()
    {
        var first = Sys.ActorOf(BatchWriter.Props(_pid, TestActor));
        var second = Sys.ActorOf(BatchWriter.Props(_pid, TestActor));
        // Both recover an empty journal before either writes, so both will number their next event 1.
        first.Tell(BatchWriter.Report);
        Assert.Empty(ExpectMsg<IReadOnlyList<string>>());
        second.Tell(BatchWriter.Report);
        Assert.Empty(ExpectMsg<IReadOnlyList<string>>());

        first.Tell(new BatchWriter.Batch("green", ["first-1", "first-2"]));
        ExpectMsg("persisted:first-1");
        ExpectMsg("persisted:first-2");
        Watch(second);
        second.Tell(new BatchWriter.Batch("green", ["second-1"]));

        Assert.Contains($"{_prefix}journal:{_pid}", ExpectMsg<BatchWriter.PersistFailed>().Reason);
        FishForMessage(m => m is Terminated t && t.ActorRef.Equals(second));
        Assert.Equal(["first-1", "first-2"], Recover());
    }

    /// <summary>The events a fresh incarnation of the writer recovers.</summary>
    private IReadOnlyList<string> Recover()
    {
        Sys.ActorOf(BatchWriter.Props(_pid, TestActor)).Tell(BatchWriter.Report);
        return ExpectMsg<IReadOnlyList<string>>();
    }

    /// <summary>Persists each <see cref="Batch"/> with one PersistAll, every event tagged with the batch's tag.</summary>
    private sealed class BatchWriter : ReceivePersistentActor
    {
        public const string Report = "report";
        private readonly List<string> _events = [];
        private readonly IActorRef _probe;

        public BatchWriter(string persistenceId, IActorRef probe)
        {
            PersistenceId = persistenceId;
            _probe = probe;
            Recover<string>(_events.Add);
            Command<Batch>(batch => PersistAll(batch.Events.Select(e => new Tagged(e, [batch.Tag])), Persisted));
            Command<string>(s => s == Report, _ => Sender.Tell((IReadOnlyList<string>)[.. _events]));
        }

        public override string PersistenceId { get; }

        public static Props Props(string persistenceId, IActorRef probe) =>
            Akka.Actor.Props.Create(() => new BatchWriter(persistenceId, probe));

        /// <summary>Akka stops the actor right after this, so later events of the failed batch are never reported.</summary>
        protected override void OnPersistFailure(Exception cause, object @event, long sequenceNr)
        {
            _probe.Tell(new PersistFailed(cause.Message));
            base.OnPersistFailure(cause, @event, sequenceNr);
        }

        private void Persisted(Tagged tagged)
        {
            var e = (string)tagged.Payload;
            _events.Add(e);
            _probe.Tell($"persisted:{e}");
        }

        public sealed record Batch(string Tag, IReadOnlyList<string> Events);

        public sealed record PersistFailed(string Reason);
    }
}
