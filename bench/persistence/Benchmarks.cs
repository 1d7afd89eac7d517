using System.Diagnostics;
using Akka.Actor;

namespace Orchestrator.Bench.Persistence;

/// <summary>The measurements; every persistence id carries a run-unique prefix so rows never recover each other's events.</summary>
internal static class Benchmarks
{
    private static readonly TimeSpan AskTimeout = TimeSpan.FromMinutes(2);

    public static async Task<ThroughputResult> ThroughputAsync(ActorSystem system, string backend, int actors, int totalEvents, TimeSpan limit)
    {
        var writers = Enumerable.Range(0, actors)
            .Select(i => system.ActorOf(Writer.Props($"tp-{actors}-{i}-{Guid.NewGuid():N}")))
            .ToList();
        // Recovery (empty) happens before timing starts.
        await Task.WhenAll(writers.Select(w => w.Ask<int>(new GetCount(), AskTimeout)));

        var perActor = totalEvents / actors;
        var watch = Stopwatch.StartNew();
        var deadline = DateTime.UtcNow + limit;
        var written = await Task.WhenAll(writers.Select(w => w.Ask<Written>(new Write(perActor, deadline), AskTimeout)));
        watch.Stop();

        writers.ForEach(w => w.Tell(PoisonPill.Instance));
        return new ThroughputResult(backend, actors, written.Sum(w => w.Count), watch.Elapsed.TotalSeconds);
    }

    /// <summary>Writes <paramref name="events"/> events to a new id, snapshotting after <paramref name="snapshotAt"/> when given; returns the id.</summary>
    public static async Task<string> PrepareAsync(ActorSystem system, int events, int? snapshotAt)
    {
        var id = $"rec-{(snapshotAt is null ? "plain" : "snap")}-{Guid.NewGuid():N}";
        var writer = system.ActorOf(Writer.Props(id));
        var farFuture = DateTime.UtcNow.AddHours(1);
        var first = snapshotAt ?? events;
        await writer.Ask<Written>(new Write(first, farFuture), AskTimeout);
        if (snapshotAt is not null)
        {
            await writer.Ask<SnapshotSaved>(new TakeSnapshot(), AskTimeout);
            await writer.Ask<Written>(new Write(events - first, farFuture), AskTimeout);
        }

        await writer.GracefulStop(AskTimeout);
        return id;
    }

    /// <summary>Time from spawning an actor to its first answer, which it gives only after recovering <paramref name="expected"/> events.</summary>
    public static async Task<double> RecoverAsync(ActorSystem system, string persistenceId, int expected)
    {
        var watch = Stopwatch.StartNew();
        var writer = system.ActorOf(Writer.Props(persistenceId));
        var count = await writer.Ask<int>(new GetCount(), AskTimeout);
        watch.Stop();
        await writer.GracefulStop(AskTimeout);
        if (count != expected)
        {
            throw new InvalidOperationException($"{persistenceId} recovered {count} events, expected {expected}");
        }

        return watch.Elapsed.TotalMilliseconds;
    }
}
