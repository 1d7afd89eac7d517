using Akka.Actor;
using Xunit;

namespace Orchestrator.Persistence.Tests.Specs;

/// <summary>Many persistent actors writing to one journal at once.</summary>
public abstract partial class JournalPersistentActorSpecBase
{
    private const int ConcurrentActors = 20;
    private const int EventsPerActor = 50;
    private const int EventsPerRound = 5;

    [Fact]
    public void PersistentActors_writing_concurrently_must_each_recover_exactly_their_own_events_in_order()
    {
        var pids = Enumerable.Range(0, ConcurrentActors).Select(a => $"{_pid}-{a}").ToArray();
        var actors = pids.Select(pid => Sys.ActorOf(Recorder.Props(pid, ActorRefs.Nobody))).ToArray();

        // Round-robin over the actors, so their writes interleave in the journal; odd rounds are one PersistAll each.
        for (var round = 0; round < EventsPerActor / EventsPerRound; round++)
        {
            for (var a = 0; a < ConcurrentActors; a++)
            {
                var events = Enumerable.Range(round * EventsPerRound, EventsPerRound).Select(n => Event(a, n)).ToList();
                if (round % 2 == 1)
                {
                    actors[a].Tell(new Recorder.Batch(events));
                }
                else
                {
                    events.ForEach(e => actors[a].Tell(e));
                }
            }
        }

        for (var a = 0; a < ConcurrentActors; a++)
        {
            AssertHoldsAllItsOwn(a, Held(actors[a]));
        }

        foreach (var actor in actors)
        {
            StopAndWait(actor);
        }

        for (var a = 0; a < ConcurrentActors; a++)
        {
            AssertHoldsAllItsOwn(a, Recover(pids[a]));
        }
    }

    private static string Event(int actor, int n) => $"{actor}:{n}";

    private static void AssertHoldsAllItsOwn(int actor, Recorder.Held held)
    {
        Assert.Equal(Enumerable.Range(0, EventsPerActor).Select(n => Event(actor, n)), held.Events);
        Assert.Equal(EventsPerActor, held.LastSequenceNr);
    }
}
