using Akka.Actor;
using Akka.Configuration;
using Akka.Persistence;
using Akka.Persistence.Journal;
using Akka.TestKit.Xunit2;
using Xunit;

namespace Orchestrator.Persistence.Tests.Specs;

/// <summary>Journal behaviour through Akka's journal protocol, modelled on Akka's TCK JournalSpec; one subclass per backend.</summary>
public abstract partial class JournalSpecBase(Config backend) : TestKit(SpecConfig.On(backend))
{
    private readonly string _writerGuid = Guid.NewGuid().ToString();

    /// <summary>Unique per test so backends that share one database across a test class stay isolated.</summary>
    protected string Pid { get; } = $"p-{Guid.NewGuid():N}";

    private IActorRef Journal => Akka.Persistence.Persistence.Instance.Apply(Sys).JournalFor(null);

    /// <summary>The TCK's replay cases over events 1..5: the bounds are inclusive, max caps the count, and the highest is always 5.</summary>
    [Theory]
    [InlineData(1, long.MaxValue, long.MaxValue, new long[] { 1, 2, 3, 4, 5 })]
    [InlineData(0, long.MaxValue, long.MaxValue, new long[] { 1, 2, 3, 4, 5 })]
    [InlineData(3, long.MaxValue, long.MaxValue, new long[] { 3, 4, 5 })]
    [InlineData(1, 3, long.MaxValue, new long[] { 1, 2, 3 })]
    [InlineData(1, long.MaxValue, 3, new long[] { 1, 2, 3 })]
    [InlineData(2, 3, long.MaxValue, new long[] { 2, 3 })]
    [InlineData(2, 5, 2, new long[] { 2, 3 })]
    [InlineData(2, 2, long.MaxValue, new long[] { 2 })]
    [InlineData(2, 4, 1, new long[] { 2 })]
    [InlineData(2, 4, 0, new long[0])]
    [InlineData(3, 2, long.MaxValue, new long[0])]
    public void Journal_must_replay_what_the_bounds_and_max_select_and_report_the_highest(long from, long to, long max, long[] expected)
    {
        WriteMessages(1, 5);

        var replayed = Replay(from, to, max, Pid);

        Assert.Equal(expected, replayed.SequenceNrs);
        Assert.Equal(5, replayed.Highest);
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
    public void Journal_must_replay_nothing_and_report_highest_0_for_an_unknown_persistence_id()
    {
        var replayed = Replay(0, long.MaxValue, long.MaxValue, $"unknown-{Guid.NewGuid():N}");

        Assert.Empty(replayed.SequenceNrs);
        Assert.Equal(0, replayed.Highest);
    }

    [Fact]
    public void Journal_must_replay_tagged_events_as_their_untagged_payloads()
    {
        WriteMessages(1, 3, TagSecond);

        Assert.Equal(["a-1", "a-2", "a-3"], Replay(1, long.MaxValue, long.MaxValue, Pid).Payloads);
    }

    /// <summary>Event 2 tagged "blue" and "green", the others plain strings.</summary>
    protected static object TagSecond(int i) => i == 2 ? new Tagged("a-2", ["blue", "green"]) : $"a-{i}";

    /// <summary>Writes events from..to as "a-{n}", the last two in one AtomicWrite (a PersistAll), as the TCK does.</summary>
    protected void WriteMessages(int from, int to, Func<int, object>? payload = null)
    {
        payload ??= i => $"a-{i}";
        IPersistentRepresentation Event(int i) => new Persistent(payload(i), i, Pid, string.Empty, false, ActorRefs.NoSender, _writerGuid);
        var singles = Enumerable.Range(from, Math.Max(0, to - from - 1)).Select(i => new AtomicWrite(Event(i)));
        var last = to > from ? new AtomicWrite([Event(to - 1), Event(to)]) : new AtomicWrite(Event(to));
        var probe = CreateTestProbe();
        Journal.Tell(new WriteMessages([.. singles, last], probe.Ref, 1));
        probe.ExpectMsg<WriteMessagesSuccessful>();
        for (var i = from; i <= to; i++)
        {
            Assert.Equal(i, probe.ExpectMsg<WriteMessageSuccess>().Persistent.SequenceNr);
        }
    }

    protected Replayed Replay(long from, long to, long max, string persistenceId) =>
        Replayed.From(Journal, CreateTestProbe(), from, to, max, persistenceId);
}
