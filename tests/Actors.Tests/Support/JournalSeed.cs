using Akka.Actor;
using Akka.Persistence;

namespace Orchestrator.Actors.Tests.Support;

/// <summary>Writes events under a persistence id, as an earlier daemon would have, then answers <see cref="Seeded"/>.</summary>
internal sealed class JournalSeed : ReceivePersistentActor
{
    private readonly string _persistenceId;

    public JournalSeed(string persistenceId, IReadOnlyList<object> events)
    {
        _persistenceId = persistenceId;
        IActorRef replyTo = ActorRefs.Nobody;
        Command<Write>(_ =>
        {
            replyTo = Sender;
            PersistAll(events, _ => { });
            DeferAsync(Seeded.Instance, s => replyTo.Tell(s));
        });
    }

    public override string PersistenceId => _persistenceId;

    public static Props Props(string persistenceId, IReadOnlyList<object> events) =>
        Akka.Actor.Props.Create(() => new JournalSeed(persistenceId, events));

    public sealed class Seeded
    {
        public static readonly Seeded Instance = new();
    }

    public sealed class Write
    {
        public static readonly Write Instance = new();
    }
}

/// <summary>Seeds a journal through <see cref="JournalSeed"/>.</summary>
internal static class JournalSeeds
{
    public static async Task WriteAsync(ActorSystem system, string persistenceId, IReadOnlyList<object> events)
    {
        var seed = system.ActorOf(JournalSeed.Props(persistenceId, events));
        await seed.Ask<JournalSeed.Seeded>(JournalSeed.Write.Instance, TimeSpan.FromSeconds(10));
        await seed.GracefulStop(TimeSpan.FromSeconds(10));
    }
}
