using Akka.Actor;
using Akka.Persistence;
using Xunit;

namespace Orchestrator.Persistence.Tests.Specs;

/// <summary>A persistent actor stopped, restarted or emptied mid-stream: what the next incarnation recovers and where it goes on.</summary>
public abstract partial class JournalPersistentActorSpecBase
{
    [Fact]
    public void PersistentActor_stopped_mid_stream_must_recover_every_acknowledged_event_in_order()
    {
        var acks = CreateTestProbe();
        var actor = Sys.ActorOf(Recorder.Props(_pid, acks.Ref));
        var sent = Enumerable.Range(1, 100).Select(i => $"e-{i}").ToList();
        sent.ForEach(e => actor.Tell(e));
        var acknowledged = sent.Take(10).Select(e => acks.ExpectMsg(new Recorder.Persisted(e)).Event).ToList();

        StopAndWait(actor);

        // The actor told its acknowledgements before it terminated, so they are all queued by now.
        while (acks.HasMessages)
        {
            acknowledged.Add(acks.ExpectMsg<Recorder.Persisted>().Event);
        }

        var recovered = Recover(_pid);
        // A write in flight when it stopped may have been stored unacknowledged: so at least the acknowledged, at most what was sent.
        Assert.Equal(acknowledged, recovered.Events.Take(acknowledged.Count));
        Assert.Equal(sent.Take(recovered.Events.Count), recovered.Events);
        Assert.Equal(recovered.Events.Count, recovered.LastSequenceNr);
    }

    [Fact]
    public void PersistentActor_restarted_mid_stream_must_recover_and_go_on_without_losing_or_repeating_an_event()
    {
        var actor = Sys.ActorOf(Recorder.Props(_pid, TestActor));
        List<string> sent = ["e-1", "e-2", "e-3", Recorder.Crash, "e-4", "e-5", "e-6"];

        sent.ForEach(e => actor.Tell(e));

        sent[..4].ForEach(e => ExpectMsg(new Recorder.Persisted(e)));
        ExpectMsg<Recorder.Restarting>();
        sent[4..].ForEach(e => ExpectMsg(new Recorder.Persisted(e)));
        Assert.Equal(sent, Held(actor).Events);
        StopAndWait(actor);
        var recovered = Recover(_pid);
        Assert.Equal(sent, recovered.Events);
        Assert.Equal(sent.Count, recovered.LastSequenceNr);
    }

    [Fact]
    public void PersistentActor_must_go_on_numbering_after_its_events_are_deleted()
    {
        var actor = Sys.ActorOf(Recorder.Props(_pid, TestActor));
        actor.Tell(new Recorder.Batch(["a", "b", "c"]));
        ReceiveN(3);
        actor.Tell(new Recorder.DeleteUpTo(3));
        Assert.Equal(3, ExpectMsg<DeleteMessagesSuccess>().ToSequenceNr);
        StopAndWait(actor);

        var next = Sys.ActorOf(Recorder.Props(_pid, TestActor));
        var emptied = Held(next);
        Assert.Empty(emptied.Events);
        Assert.Equal(3, emptied.LastSequenceNr);
        next.Tell("d");
        ExpectMsg(new Recorder.Persisted("d"));
        StopAndWait(next);

        var recovered = Recover(_pid);
        Assert.Equal(["d"], recovered.Events);
        Assert.Equal(4, recovered.LastSequenceNr);
    }
}
