using Akka.Actor;
using Akka.Persistence;
using Akka.TestKit;
using Akka.TestKit.Xunit2;
using Xunit;

namespace Orchestrator.Persistence.Tests.Redis;

/// <summary>Redis is killed while several actors persist large batches: after a restart every batch is there whole or not at all.</summary>
public sealed class RedisJournalKillAtomicitySpec : RedisOutageSpec
{
    private const int Writers = 4;
    private const int BatchSize = 50;
    private const int EventSize = 1000;
    private const int AckedBatchesBeforeKill = 2;
    // Bounds the run: a writer stops after this many batches even if the kill never reaches it.
    private const int MaxBatches = 100;

    [Fact]
    public async Task PersistentActors_must_recover_whole_batches_only_after_redis_is_killed_mid_write()
    {
        var probe = CreateTestProbe();
        var pids = Enumerable.Range(1, Writers).Select(i => $"writer-{i}").ToArray();
        foreach (var pid in pids)
        {
            probe.Watch(Sys.ActorOf(BatchWriter.Props(pid, probe.Ref, writing: true)));
        }

        var progress = new Progress(pids);
        await ReceiveUntilAsync(probe, progress, p => p.AckedBatches.Values.All(acked => acked >= AckedBatchesBeforeKill));
        Redis.Kill();
        await ReceiveUntilAsync(probe, progress, p => p.Stopped == Writers);
        await Redis.RestartAsync();

        foreach (var pid in pids)
        {
            var recovered = await RedisOutage.AskRecoveredAsync<IReadOnlyList<StoredEvent>>(
                probe, () => Sys.ActorOf(BatchWriter.Props(pid, probe.Ref, writing: false)), BatchWriter.Report);
            var batches = recovered.Count / BatchSize;

            Assert.True(recovered.Count % BatchSize == 0, $"{pid} recovered {recovered.Count} events: part of a batch");
            Assert.Equal(Enumerable.Range(1, recovered.Count).Select(i => (long)i), recovered.Select(e => e.SequenceNr));
            Assert.Equal(EventsOfBatches(batches), recovered.Select(e => e.Event));
            Assert.True(batches >= progress.AckedBatches[pid], $"{pid} recovered {batches} batches, {progress.AckedBatches[pid]} were acknowledged");
        }
    }

    private static string Event(int batch, int index) => $"batch {batch} event {index} ".PadRight(EventSize, '.');

    private static IEnumerable<string> EventsOfBatches(int batches) =>
        Enumerable.Range(1, batches).SelectMany(batch => Enumerable.Range(0, BatchSize).Select(index => Event(batch, index)));

    private static async Task ReceiveUntilAsync(TestProbe probe, Progress progress, Func<Progress, bool> done)
    {
        while (!done(progress))
        {
            switch (await probe.ReceiveOneAsync(RedisOutage.Generous))
            {
                case BatchAcked ack:
                    progress.AckedBatches[ack.PersistenceId] = ack.Batch;
                    break;
                case Terminated:
                    progress.Stopped++;
                    break;
                case var other:
                    throw new Xunit.Sdk.XunitException($"expected a batch ack or a writer's Terminated, got {other ?? "nothing"}");
            }
        }
    }

    /// <summary>The last acknowledged batch per writer, and how many writers have stopped.</summary>
    private sealed class Progress(IEnumerable<string> pids)
    {
        public Dictionary<string, int> AckedBatches { get; } = pids.ToDictionary(pid => pid, _ => 0);

        public int Stopped { get; set; }
    }

    private sealed record BatchAcked(string PersistenceId, int Batch);

    private sealed record StoredEvent(long SequenceNr, string Event);

    /// <summary>
    /// Persists batch 1, 2, 3… (up to <see cref="MaxBatches"/>), each with one PersistAll, and acks a batch once all
    /// its events are persisted. Persist failures stop it (Akka's default <c>OnPersistFailure</c>).
    /// </summary>
    private sealed class BatchWriter : ReceivePersistentActor
    {
        public const string Report = "report";
        private const string Next = "next";
        private readonly List<StoredEvent> _recovered = [];
        private int _batch;

        public BatchWriter(string persistenceId, IActorRef probe, bool writing)
        {
            PersistenceId = persistenceId;
            Recover<string>(e => _recovered.Add(new StoredEvent(LastSequenceNr, e)));
            Recover<RecoveryCompleted>(_ =>
            {
                if (writing)
                {
                    Self.Tell(Next);
                }
            });
            Command<string>(s => s == Report, _ => Sender.Tell((IReadOnlyList<StoredEvent>)[.. _recovered]));
            Command<string>(s => s == Next && _batch < MaxBatches, _ =>
            {
                var batch = ++_batch;
                var last = Event(batch, BatchSize - 1);
                PersistAll(Enumerable.Range(0, BatchSize).Select(index => Event(batch, index)), e =>
                {
                    if (e == last)
                    {
                        probe.Tell(new BatchAcked(PersistenceId, batch));
                        Self.Tell(Next);
                    }
                });
            });
            Command<string>(s => s == Next, _ => Context.Stop(Self));
        }

        public override string PersistenceId { get; }

        public static Props Props(string persistenceId, IActorRef probe, bool writing) =>
            Akka.Actor.Props.Create(() => new BatchWriter(persistenceId, probe, writing));
    }
}
