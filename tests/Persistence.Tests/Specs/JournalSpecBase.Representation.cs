using Akka.Actor;
using Akka.Persistence;
using Xunit;

namespace Orchestrator.Persistence.Tests.Specs;

/// <summary>What a replayed event carries besides its payload, and what the journal does with a payload it cannot serialize.</summary>
public abstract partial class JournalSpecBase
{
    [Fact]
    public void Journal_must_replay_an_event_with_its_persistence_id_and_sequence_nr_and_no_sender()
    {
        Write(new Persistent("a-1", 1, Pid, string.Empty, false, ActorRefs.NoSender, _writerGuid));

        var replayed = Assert.Single(Replay(1, long.MaxValue, long.MaxValue, Pid).Messages);

        Assert.Equal("a-1", replayed.Payload);
        Assert.Equal(Pid, replayed.PersistenceId);
        Assert.Equal(1, replayed.SequenceNr);
        Assert.False(replayed.IsDeleted);
        Assert.True(replayed.Sender is null || replayed.Sender.IsNobody() || replayed.Sender.Equals(Sys.DeadLetters), $"replayed with sender {replayed.Sender}");
    }

    /// <summary>Akka's replay filter tells an old incarnation's events from a new one's by the writer guid.</summary>
    [Fact]
    public void Journal_must_replay_each_event_with_the_writer_guid_it_was_written_with()
    {
        var written = WriteTwoWriters();

        var replayed = Replay(1, long.MaxValue, long.MaxValue, Pid).Messages;

        Assert.Equal(written.Select(p => p.WriterGuid), replayed.Select(m => m.WriterGuid));
    }

    /// <summary>An event adapter reads the manifest it wrote to choose how to read an event back.</summary>
    [Fact]
    public virtual void Journal_must_replay_each_event_with_the_adapter_manifest_it_was_written_with()
    {
        var written = WriteTwoWriters();

        var replayed = Replay(1, long.MaxValue, long.MaxValue, Pid).Messages;

        Assert.Equal(written.Select(p => p.Manifest), replayed.Select(m => m.Manifest));
    }

    [Fact]
    public void Journal_must_replay_an_event_holding_an_actor_ref_that_still_reaches_the_actor()
    {
        var holder = CreateTestProbe();
        Write(new Persistent(new ActorRefPayload(holder.Ref), 1, Pid, string.Empty, false, ActorRefs.NoSender, _writerGuid));

        var replayed = Assert.IsType<ActorRefPayload>(Assert.Single(Replay(1, long.MaxValue, long.MaxValue, Pid).Payloads));

        Assert.Equal(holder.Ref, replayed.Ref);
        replayed.Ref.Tell("ping");
        holder.ExpectMsg("ping");
    }

    [Fact]
    public void Journal_must_reject_only_the_write_it_cannot_serialize_and_store_the_others()
    {
        var probe = CreateTestProbe();
        var writes = new[] { "b-1", (object)new Unserializable(), "b-3" }
            .Select((payload, i) => new AtomicWrite(new Persistent(payload, i + 1, Pid, string.Empty, false, ActorRefs.NoSender, _writerGuid)))
            .ToArray();

        Journal.Tell(new WriteMessages(writes, probe.Ref, 1));

        probe.ExpectMsg<WriteMessagesSuccessful>();
        Assert.Equal("b-1", probe.ExpectMsg<WriteMessageSuccess>().Persistent.Payload);
        Assert.IsType<Unserializable>(probe.ExpectMsg<WriteMessageRejected>().Persistent.Payload);
        Assert.Equal("b-3", probe.ExpectMsg<WriteMessageSuccess>().Persistent.Payload);
        var replayed = Replay(1, long.MaxValue, long.MaxValue, Pid);
        Assert.Equal(["b-1", "b-3"], replayed.Payloads);
        Assert.Equal(3, replayed.Highest);
    }

    /// <summary>Events 1 and 2, each from its own writer and with its own adapter manifest.</summary>
    protected IReadOnlyList<IPersistentRepresentation> WriteTwoWriters()
    {
        IReadOnlyList<IPersistentRepresentation> written =
        [
            new Persistent("a-1", 1, Pid, "adapter-manifest-v1", false, ActorRefs.NoSender, Guid.NewGuid().ToString()),
            new Persistent("a-2", 2, Pid, "adapter-manifest-v2", false, ActorRefs.NoSender, Guid.NewGuid().ToString()),
        ];
        foreach (var persistent in written)
        {
            Write(persistent);
        }

        return written;
    }

    private void Write(IPersistentRepresentation persistent)
    {
        var probe = CreateTestProbe();
        Journal.Tell(new WriteMessages([new AtomicWrite(persistent)], probe.Ref, 1));
        probe.ExpectMsg<WriteMessagesSuccessful>();
        probe.ExpectMsg<WriteMessageSuccess>();
    }
}
