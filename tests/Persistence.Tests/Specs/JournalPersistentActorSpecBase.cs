using Akka.Actor;
using Akka.Configuration;
using Akka.Persistence;
using Akka.TestKit.Xunit2;
using Xunit;

namespace Orchestrator.Persistence.Tests.Specs;

/// <summary>Journal behaviour seen by a persistent actor: rejected writes and PersistAll batches; one subclass per backend.</summary>
public abstract class JournalPersistentActorSpecBase(Config backend) : TestKit(backend)
{
    /// <summary>Unique per test so backends that share one database across a test class stay isolated.</summary>
    private readonly string _pid = $"r-{Guid.NewGuid():N}";

    [Fact]
    public void PersistentActor_must_reject_an_unserializable_event_and_keep_working()
    {
        var actor = Sys.ActorOf(Props.Create(() => new Recorder(_pid, TestActor)));

        actor.Tell(new Unserializable());
        ExpectMsg<Rejected>();
        actor.Tell("after");
        ExpectMsg("persisted:after");

        Watch(actor);
        Sys.Stop(actor);
        ExpectTerminated(actor);
        Sys.ActorOf(Props.Create(() => new Recorder(_pid, TestActor))).Tell(Recorder.Report);
        Assert.Equal(["after"], ExpectMsg<IReadOnlyList<string>>());
    }

    [Fact]
    public void PersistentActor_must_recover_a_whole_PersistAll_batch()
    {
        var actor = Sys.ActorOf(Props.Create(() => new Recorder(_pid, TestActor)));

        actor.Tell(new Batch(["a", "b", "c"]));
        ExpectMsg("persisted:a");
        ExpectMsg("persisted:b");
        ExpectMsg("persisted:c");

        Watch(actor);
        Sys.Stop(actor);
        ExpectTerminated(actor);
        Sys.ActorOf(Props.Create(() => new Recorder(_pid, TestActor))).Tell(Recorder.Report);
        Assert.Equal(["a", "b", "c"], ExpectMsg<IReadOnlyList<string>>());
    }

    /// <summary>Newtonsoft (Akka's default serializer) fails on the throwing getter.</summary>
    public sealed class Unserializable
    {
        public string Value => throw new InvalidOperationException("not serializable");
    }

    private sealed record Batch(IReadOnlyList<string> Events);

    private sealed record Rejected(object Event);

    private sealed class Recorder : ReceivePersistentActor
    {
        public const string Report = "report";
        private readonly List<string> _events = [];
        private readonly IActorRef _probe;

        public Recorder(string persistenceId, IActorRef probe)
        {
            PersistenceId = persistenceId;
            _probe = probe;
            Recover<string>(_events.Add);
            Command<Unserializable>(e => Persist(e, _ => { }));
            Command<Batch>(batch => PersistAll(batch.Events, Persisted));
            Command<string>(s => s == Report, _ => Sender.Tell((IReadOnlyList<string>)[.. _events]));
            Command<string>(s => Persist(s, Persisted));
        }

        public override string PersistenceId { get; }

        protected override void OnPersistRejected(Exception cause, object @event, long sequenceNr) =>
            _probe.Tell(new Rejected(@event));

        private void Persisted(string e)
        {
            _events.Add(e);
            _probe.Tell($"persisted:{e}");
        }
    }
}
