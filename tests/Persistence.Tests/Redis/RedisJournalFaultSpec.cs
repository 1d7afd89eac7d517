using Akka.Actor;
using Akka.Persistence;
using Akka.TestKit;
using Akka.TestKit.Xunit2;
using Xunit;

namespace Orchestrator.Persistence.Tests.Redis;

/// <summary>Redis dies under a persisting actor: the failure surfaces, and every acknowledged event is recovered once Redis is back.</summary>
public sealed class RedisJournalFaultSpec : RedisOutageSpec
{
    private const int MaxEvents = 300;
    private const int AcksBeforeKill = 20;
    private static readonly TimeSpan Generous = RedisOutage.Generous;

    [Fact]
    public async Task PersistentActor_must_recover_every_acknowledged_event_after_redis_is_killed_and_restarted()
    {
        var probe = CreateTestProbe();
        var writer = Sys.ActorOf(Ticker.Props("ticker", probe.Ref, persisting: true));
        probe.Watch(writer);

        var acked = new List<int>();
        while (acked.Count < AcksBeforeKill)
        {
            acked.Add((await probe.ExpectMsgAsync<Acked>(Generous)).Event);
        }

        Redis.Kill();
        await CollectAcksUntilTerminatedAsync(probe, writer, acked);
        await Redis.RestartAsync();
        var recovered = await RedisOutage.AskRecoveredAsync<IReadOnlyList<int>>(
            probe, () => Sys.ActorOf(Ticker.Props("ticker", probe.Ref, persisting: false)), Ticker.Report);

        Assert.InRange(acked.Count, AcksBeforeKill, MaxEvents - 1);
        Assert.Equal(Enumerable.Range(1, acked.Count), acked);
        Assert.Equal(Enumerable.Range(1, recovered.Count), recovered);
        Assert.True(recovered.Count >= acked.Count, $"recovered {recovered.Count} events, {acked.Count} were acknowledged");
    }

    /// <summary>Persist failures stop the actor (Akka's default <c>OnPersistFailure</c>); acks still in flight arrive before its Terminated.</summary>
    private static async Task CollectAcksUntilTerminatedAsync(TestProbe probe, IActorRef writer, List<int> acked)
    {
        while (true)
        {
            switch (await probe.ReceiveOneAsync(Generous))
            {
                case Acked ack:
                    acked.Add(ack.Event);
                    break;
                case Terminated terminated when terminated.ActorRef.Equals(writer):
                    return;
                case var other:
                    throw new Xunit.Sdk.XunitException($"expected an ack or the writer's Terminated, got {other ?? "nothing"}");
            }
        }
    }

    private sealed record Acked(int Event);

    /// <summary>Persists 1, 2, 3… on a timer (up to <see cref="MaxEvents"/>), acking each to the probe from its persist handler.</summary>
    private sealed class Ticker : ReceivePersistentActor, IWithTimers
    {
        public const string Report = "report";
        private const string Tick = "tick";
        private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(5);
        private readonly List<int> _events = [];

        public Ticker(string persistenceId, IActorRef probe, bool persisting)
        {
            PersistenceId = persistenceId;
            Recover<int>(_events.Add);
            Recover<RecoveryCompleted>(_ =>
            {
                if (persisting)
                {
                    Timers.StartPeriodicTimer(Tick, Tick, Interval);
                }
            });
            Command<string>(s => s == Report, _ => Sender.Tell((IReadOnlyList<int>)[.. _events]));
            Command<string>(s => s == Tick && _events.Count < MaxEvents, _ => Persist(_events.Count + 1, e =>
            {
                _events.Add(e);
                probe.Tell(new Acked(e));
            }));
            Command<string>(s => s == Tick, _ => Timers.Cancel(Tick));
        }

        public override string PersistenceId { get; }

        public ITimerScheduler Timers { get; set; } = null!;

        public static Props Props(string persistenceId, IActorRef probe, bool persisting) =>
            Akka.Actor.Props.Create(() => new Ticker(persistenceId, probe, persisting));
    }
}
