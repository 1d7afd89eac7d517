using Akka.Actor;
using Akka.Persistence;

namespace Orchestrator.Persistence.Tests.Specs;

/// <summary>
/// A persistent actor that persists the strings it is sent, tells <c>probe</c> <see cref="Persisted"/> once each is stored,
/// and answers <see cref="Report"/> with what it holds. Persisting <see cref="Crash"/> throws in the handler after
/// acknowledging, so the actor restarts and tells <c>probe</c> <see cref="Restarting"/>.
/// </summary>
internal sealed class Recorder : ReceivePersistentActor
{
    public const string Crash = "crash";
    private readonly List<string> _events = [];
    private readonly IActorRef _probe;

    public Recorder(string persistenceId, IActorRef probe)
    {
        PersistenceId = persistenceId;
        _probe = probe;
        Recover<string>(_events.Add);
        Command<Unserializable>(e => Persist(e, _ => { }));
        Command<Batch>(batch => PersistAll(batch.Events, Acknowledge));
        Command<Async>(command => PersistAsync(command.Event, Acknowledge));
        Command<DeleteUpTo>(delete => DeleteMessages(delete.SequenceNr));
        Command<DeleteMessagesSuccess>(deleted => _probe.Tell(deleted));
        Command<Report>(_ => Sender.Tell(new Held([.. _events], LastSequenceNr)));
        Command<string>(e => Persist(e, Acknowledge));
    }

    public override string PersistenceId { get; }

    public static Props Props(string persistenceId, IActorRef probe) =>
        Akka.Actor.Props.Create(() => new Recorder(persistenceId, probe));

    protected override void OnPersistRejected(Exception cause, object @event, long sequenceNr) =>
        _probe.Tell(new Rejected(@event));

    protected override void PreRestart(Exception reason, object message)
    {
        _probe.Tell(Restarting.Instance);
        base.PreRestart(reason, message);
    }

    private void Acknowledge(string e)
    {
        _events.Add(e);
        _probe.Tell(new Persisted(e));
        if (e == Crash)
        {
            throw new InvalidOperationException("crash requested");
        }
    }

    /// <summary>Persisted with PersistAll.</summary>
    public sealed record Batch(IReadOnlyList<string> Events);

    /// <summary>Persisted with PersistAsync.</summary>
    public sealed record Async(string Event);

    public sealed record DeleteUpTo(long SequenceNr);

    public sealed record Persisted(string Event);

    public sealed record Rejected(object Event);

    public sealed class Restarting
    {
        public static readonly Restarting Instance = new();

        private Restarting()
        {
        }
    }

    public sealed class Report
    {
        public static readonly Report Instance = new();

        private Report()
        {
        }
    }

    /// <summary>The events the actor holds, recovered and persisted, and its last sequence nr.</summary>
    public sealed record Held(IReadOnlyList<string> Events, long LastSequenceNr);
}
