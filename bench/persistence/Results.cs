namespace Orchestrator.Bench.Persistence;

internal sealed record ThroughputResult(string Backend, int Actors, int Events, double Seconds)
{
    public double EventsPerSecond => Events / Seconds;
}

internal sealed record RecoveryResult(string Backend, double WithoutSnapshotMs, double WithSnapshotMs);
