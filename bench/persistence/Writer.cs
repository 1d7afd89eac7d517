using Akka.Actor;
using Akka.Persistence;

namespace Orchestrator.Bench.Persistence;

/// <summary>A persistent actor whose state is the number of its events; each event is a small int.</summary>
internal sealed class Writer : ReceivePersistentActor
{
    private int _count;
    private int _written;
    private int _target;
    private DateTime _deadline;
    private IActorRef _replyTo = ActorRefs.Nobody;

    public Writer(string persistenceId)
    {
        PersistenceId = persistenceId;
        Recover<int>(_ => _count++);
        Recover<SnapshotOffer>(offer => _count = (int)offer.Snapshot);
        Command<Write>(write =>
        {
            (_written, _target, _deadline, _replyTo) = (0, write.Count, write.Deadline, Sender);
            PersistNext();
        });
        Command<TakeSnapshot>(_ =>
        {
            _replyTo = Sender;
            SaveSnapshot(_count);
        });
        Command<SaveSnapshotSuccess>(_ => _replyTo.Tell(new SnapshotSaved()));
        Command<SaveSnapshotFailure>(failure => _replyTo.Tell(new Status.Failure(failure.Cause)));
        Command<GetCount>(_ => Sender.Tell(_count));
    }

    public override string PersistenceId { get; }

    public static Props Props(string persistenceId) => Akka.Actor.Props.Create(() => new Writer(persistenceId));

    private void PersistNext()
    {
        if (_written >= _target || DateTime.UtcNow >= _deadline)
        {
            _replyTo.Tell(new Written(_written));
            return;
        }

        Persist(_count + 1, _ =>
        {
            _count++;
            _written++;
            PersistNext();
        });
    }
}
