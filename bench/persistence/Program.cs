using Akka.Actor;
using Orchestrator.Bench.Persistence;

// Usage: PersistenceBench --redis 127.0.0.1:PORT --sqlite /tmp/x/journal.db  (either may be left out)
const int TotalEvents = 20_000;
const int RecoveryEvents = 10_000;
const int SnapshotAt = 9_990;
var limit = TimeSpan.FromSeconds(10);

var backends = new List<Backend>();
for (var i = 0; i + 1 < args.Length; i += 2)
{
    backends.Add(args[i] switch
    {
        "--redis" => Backend.Redis(args[i + 1], $"bench-{Guid.NewGuid():N}:"),
        "--sqlite" => Backend.Sqlite(args[i + 1]),
        _ => throw new ArgumentException($"unknown option {args[i]}"),
    });
}

if (backends.Count == 0)
{
    Console.Error.WriteLine("usage: PersistenceBench [--redis HOST:PORT] [--sqlite FILE]");
    return 2;
}

var throughput = new List<ThroughputResult>();
var recovery = new List<RecoveryResult>();
foreach (var backend in backends)
{
    Console.Error.WriteLine($"{backend.Name}: throughput");
    using (var system = ActorSystem.Create("bench", backend.Config))
    {
        // Warm-up: JIT, connections, schema creation.
        await Benchmarks.ThroughputAsync(system, backend.Name, 10, 1_000, limit);
        foreach (var actors in new[] { 1, 10, 100 })
        {
            throughput.Add(await Benchmarks.ThroughputAsync(system, backend.Name, actors, TotalEvents, limit));
        }

        Console.Error.WriteLine($"{backend.Name}: recovery");
        var plain = await Benchmarks.PrepareAsync(system, RecoveryEvents, snapshotAt: null);
        var snapshotted = await Benchmarks.PrepareAsync(system, RecoveryEvents, SnapshotAt);
        await system.Terminate();

        // A fresh system, so nothing written above is cached in the process; warmed up on an empty id.
        using var reader = ActorSystem.Create("bench", backend.Config);
        await Benchmarks.RecoverAsync(reader, $"warmup-{Guid.NewGuid():N}", expected: 0);
        recovery.Add(new RecoveryResult(
            backend.Name,
            await Benchmarks.RecoverAsync(reader, plain, RecoveryEvents),
            await Benchmarks.RecoverAsync(reader, snapshotted, RecoveryEvents)));
        await reader.Terminate();
    }
}

Console.WriteLine($"Persisted events, {TotalEvents:N0} per row or {limit.TotalSeconds:0} s; target ≥ 20,000 events/s on Redis with 100 actors.");
Console.WriteLine();
Console.WriteLine("| backend | actors | events | seconds | events/s | target |");
Console.WriteLine("|---|---:|---:|---:|---:|---|");
foreach (var row in throughput)
{
    var target = row is { Backend: "Redis", Actors: 100 }
        ? (row.EventsPerSecond >= 20_000 ? "≥ 20,000: met" : "≥ 20,000: MISSED")
        : "";
    Console.WriteLine($"| {row.Backend} | {row.Actors} | {row.Events:N0} | {row.Seconds:0.00} | {row.EventsPerSecond:N0} | {target} |");
}

Console.WriteLine();
Console.WriteLine($"Recovery of one actor with {RecoveryEvents:N0} events (snapshot at {SnapshotAt:N0}); target < 500 ms.");
Console.WriteLine();
Console.WriteLine("| backend | recovery without snapshot ms | with snapshot ms | target |");
Console.WriteLine("|---|---:|---:|---|");
foreach (var row in recovery)
{
    var target = row.WithoutSnapshotMs < 500 ? "< 500: met" : "< 500: MISSED";
    Console.WriteLine($"| {row.Backend} | {row.WithoutSnapshotMs:N0} | {row.WithSnapshotMs:N0} | {target} |");
}

return 0;
