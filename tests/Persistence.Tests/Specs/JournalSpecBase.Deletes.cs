using Akka.Actor;
using Akka.Persistence;
using Xunit;

namespace Orchestrator.Persistence.Tests.Specs;

/// <summary>DeleteMessagesTo: what it removes, and that it never lowers the highest sequence nr.</summary>
public abstract partial class JournalSpecBase
{
    [Fact]
    public void Journal_must_replay_only_the_messages_after_a_partial_delete()
    {
        WriteMessages(1, 5);

        DeleteTo(3);

        var replayed = Replay(1, long.MaxValue, long.MaxValue, Pid);
        Assert.Equal([4L, 5], replayed.SequenceNrs);
        Assert.Equal(5, replayed.Highest);
    }

    [Theory]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(long.MaxValue)]
    public void Journal_must_delete_everything_up_to_or_beyond_the_highest_and_keep_the_highest(long toSequenceNr)
    {
        WriteMessages(1, 5);

        DeleteTo(toSequenceNr);

        var replayed = Replay(0, long.MaxValue, long.MaxValue, Pid);
        Assert.Empty(replayed.SequenceNrs);
        Assert.Equal(5, replayed.Highest);
    }

    [Fact]
    public void Journal_must_treat_a_repeated_or_lower_delete_as_harmless()
    {
        WriteMessages(1, 5);
        DeleteTo(3);

        DeleteTo(3);
        DeleteTo(1);

        var replayed = Replay(1, long.MaxValue, long.MaxValue, Pid);
        Assert.Equal([4L, 5], replayed.SequenceNrs);
        Assert.Equal(5, replayed.Highest);
    }

    [Fact]
    public void Journal_must_go_on_above_the_highest_after_deleting_everything()
    {
        WriteMessages(1, 5);
        DeleteTo(long.MaxValue);

        WriteMessages(6, 7);

        var replayed = Replay(1, long.MaxValue, long.MaxValue, Pid);
        Assert.Equal([6L, 7], replayed.SequenceNrs);
        Assert.Equal(["a-6", "a-7"], replayed.Payloads);
        Assert.Equal(7, replayed.Highest);
    }

    private void DeleteTo(long toSequenceNr)
    {
        var probe = CreateTestProbe();
        Journal.Tell(new DeleteMessagesTo(Pid, toSequenceNr, probe.Ref));
        Assert.Equal(toSequenceNr, probe.ExpectMsg<DeleteMessagesSuccess>().ToSequenceNr);
    }
}
