using Akka.Actor;
using Akka.Configuration;
using Akka.TestKit.Xunit2;
using Xunit;

namespace Orchestrator.Persistence.Tests.Specs;

/// <summary>Journal behaviour seen by persistent actors (<see cref="Recorder"/>): how they persist, recover, stop and restart; one subclass per backend.</summary>
public abstract partial class JournalPersistentActorSpecBase(Config backend) : TestKit(SpecConfig.On(backend))
{
    /// <summary>Unique per test so backends that share one database across a test class stay isolated.</summary>
    private readonly string _pid = $"r-{Guid.NewGuid():N}";

    [Fact]
    public void PersistentActor_must_reject_an_unserializable_event_and_keep_working()
    {
        var actor = Sys.ActorOf(Recorder.Props(_pid, TestActor));

        actor.Tell(new Unserializable());
        ExpectMsg<Recorder.Rejected>();
        actor.Tell("after");
        ExpectMsg(new Recorder.Persisted("after"));

        StopAndWait(actor);
        Assert.Equal(["after"], Recover(_pid).Events);
    }

    [Fact]
    public void PersistentActor_must_recover_a_whole_PersistAll_batch()
    {
        var actor = Sys.ActorOf(Recorder.Props(_pid, TestActor));

        actor.Tell(new Recorder.Batch(["a", "b", "c"]));
        ExpectMsg(new Recorder.Persisted("a"));
        ExpectMsg(new Recorder.Persisted("b"));
        ExpectMsg(new Recorder.Persisted("c"));

        StopAndWait(actor);
        var recovered = Recover(_pid);
        Assert.Equal(["a", "b", "c"], recovered.Events);
        Assert.Equal(3, recovered.LastSequenceNr);
    }

    [Fact]
    public void PersistentActor_must_acknowledge_and_recover_PersistAsync_and_Persist_events_in_the_order_sent()
    {
        var actor = Sys.ActorOf(Recorder.Props(_pid, TestActor));
        var sent = Enumerable.Range(1, 30).Select(i => $"e-{i}").ToList();

        // Every third one stashes the commands behind it until it is stored; the others do not wait.
        foreach (var (e, i) in sent.Select((e, i) => (e, i)))
        {
            actor.Tell(i % 3 == 2 ? e : new Recorder.Async(e));
        }

        foreach (var e in sent)
        {
            ExpectMsg(new Recorder.Persisted(e));
        }

        StopAndWait(actor);
        var recovered = Recover(_pid);
        Assert.Equal(sent, recovered.Events);
        Assert.Equal(30, recovered.LastSequenceNr);
    }

    /// <summary>Starts a new incarnation of <paramref name="persistenceId"/> that acknowledges to nobody and returns what it recovered.</summary>
    private Recorder.Held Recover(string persistenceId)
    {
        var actor = Sys.ActorOf(Recorder.Props(persistenceId, ActorRefs.Nobody));
        var held = Held(actor);
        StopAndWait(actor);
        return held;
    }

    /// <summary>What <paramref name="actor"/> holds; Persist and PersistAll stash the question until what was sent before is stored.</summary>
    private Recorder.Held Held(IActorRef actor)
    {
        var probe = CreateTestProbe();
        actor.Tell(Recorder.Report.Instance, probe.Ref);
        return probe.ExpectMsg<Recorder.Held>();
    }

    private void StopAndWait(IActorRef actor)
    {
        var probe = CreateTestProbe();
        probe.Watch(actor);
        Sys.Stop(actor);
        probe.ExpectTerminated(actor);
    }
}
