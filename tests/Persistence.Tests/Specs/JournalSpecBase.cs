using Akka.Actor;
using Akka.Configuration;
using Akka.Persistence;
using Akka.Persistence.Journal;
using Akka.TestKit.Xunit2;
using Xunit;

namespace Orchestrator.Persistence.Tests.Specs;

/// <summary>Journal behaviour through Akka's journal protocol, modelled on Akka's TCK JournalSpec; one subclass per backend.</summary>
public abstract class JournalSpecBase(Config backend) : TestKit(backend)
{
    private readonly string _writerGuid = Guid.NewGuid().ToString();

    /// <summary>Unique per test so backends that share one database across a test class stay isolated.</summary>
    protected string Pid { get; } = $"p-{Guid.NewGuid():N}";

    private IActorRef Journal => Akka.Persistence.Persistence.Instance.Apply(Sys).JournalFor(null);

    [Fact]
    public void Journal_must_replay_all_messages_in_order()
    {
        WriteMessages(1, 5);

        Assert.Equal([1L, 2, 3, 4, 5], Replay(1, long.MaxValue, long.MaxValue, Pid).SequenceNrs);
    }

    [Fact]
    public void Journal_must_replay_within_lower_and_upper_bound_up_to_max()
    {
        WriteMessages(1, 5);

        Assert.Equal([2L, 3, 4], Replay(2, 4, long.MaxValue, Pid).SequenceNrs);
        Assert.Equal([2L, 3], Replay(2, 5, 2, Pid).SequenceNrs);
        Assert.Empty(Replay(2, 5, 0, Pid).SequenceNrs);
    }

    [Fact]
    public void Journal_must_replay_the_stored_payloads()
    {
        WriteMessages(1, 2);

        var replayed = Replay(1, long.MaxValue, long.MaxValue, Pid);

        Assert.Equal(["a-1", "a-2"], replayed.Payloads);
        Assert.Equal(2, replayed.Highest);
    }

    [Fact]
    public void Journal_must_replay_nothing_for_an_unknown_persistence_id()
    {
        var replayed = Replay(1, long.MaxValue, long.MaxValue, $"unknown-{Guid.NewGuid():N}");

        Assert.Empty(replayed.SequenceNrs);
        Assert.Equal(0, replayed.Highest);
    }

    [Fact]
    public void Journal_must_keep_the_highest_sequence_nr_after_deleting_everything()
    {
        WriteMessages(1, 5);

        DeleteTo(5);

        var replayed = Replay(1, long.MaxValue, long.MaxValue, Pid);
        Assert.Empty(replayed.SequenceNrs);
        Assert.Equal(5, replayed.Highest);
    }

    [Fact]
    public void Journal_must_replay_only_the_messages_after_a_partial_delete()
    {
        WriteMessages(1, 5);

        DeleteTo(3);

        Assert.Equal([4L, 5], Replay(1, long.MaxValue, long.MaxValue, Pid).SequenceNrs);
    }

    [Fact]
    public void Journal_must_replay_tagged_events_as_their_untagged_payloads()
    {
        WriteMessages(1, 3, TagSecond);

        Assert.Equal(["a-1", "a-2", "a-3"], Replay(1, long.MaxValue, long.MaxValue, Pid).Payloads);
    }

    /// <summary>Event 2 tagged "blue" and "green", the others plain strings.</summary>
    protected static object TagSecond(int i) => i == 2 ? new Tagged("a-2", ["blue", "green"]) : $"a-{i}";

    protected void WriteMessages(int from, int to, Func<int, object>? payload = null)
    {
        payload ??= i => $"a-{i}";
        var probe = CreateTestProbe();
        var writes = Enumerable.Range(from, to - from + 1)
            .Select(i => (IPersistentEnvelope)new AtomicWrite(
                new Persistent(payload(i), i, Pid, string.Empty, false, ActorRefs.NoSender, _writerGuid)))
            .ToArray();
        Journal.Tell(new WriteMessages(writes, probe.Ref, 1));
        probe.ExpectMsg<WriteMessagesSuccessful>();
        for (var i = from; i <= to; i++)
        {
            Assert.Equal(i, probe.ExpectMsg<WriteMessageSuccess>().Persistent.SequenceNr);
        }
    }

    protected Replayed Replay(long from, long to, long max, string persistenceId)
    {
        var probe = CreateTestProbe();
        Journal.Tell(new ReplayMessages(from, to, max, persistenceId, probe.Ref));
        var messages = new List<IPersistentRepresentation>();
        while (true)
        {
            switch (probe.ExpectMsg<object>())
            {
                case ReplayedMessage replayed:
                    messages.Add(replayed.Persistent);
                    break;
                case RecoverySuccess success:
                    return new Replayed(messages, success.HighestSequenceNr);
                case var other:
                    throw new Xunit.Sdk.XunitException($"unexpected {other}");
            }
        }
    }

    private void DeleteTo(long toSequenceNr)
    {
        var probe = CreateTestProbe();
        Journal.Tell(new DeleteMessagesTo(Pid, toSequenceNr, probe.Ref));
        probe.ExpectMsg<DeleteMessagesSuccess>();
    }

    protected sealed record Replayed(IReadOnlyList<IPersistentRepresentation> Messages, long Highest)
    {
        public IReadOnlyList<long> SequenceNrs => [.. Messages.Select(m => m.SequenceNr)];

        public IReadOnlyList<object> Payloads => [.. Messages.Select(m => m.Payload)];
    }
}
