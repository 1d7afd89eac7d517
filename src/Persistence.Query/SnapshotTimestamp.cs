using Akka.Persistence;

namespace Orchestrator.Persistence.Query;

/// <summary>
/// How a snapshot store matches a delete by <see cref="SnapshotMetadata"/>, as Akka's own stores do: the timestamp
/// names one saved snapshot, except <see cref="DateTime.MinValue"/> (a persistent actor's DeleteSnapshot(sequenceNr))
/// and <see cref="DateTime.MaxValue"/>, which mean any.
/// </summary>
internal static class SnapshotTimestamp
{
    public static bool AnyTimestamp(SnapshotMetadata metadata) =>
        metadata.Timestamp == DateTime.MinValue || metadata.Timestamp == DateTime.MaxValue;

    public static bool Matches(SnapshotMetadata metadata, long storedTicks) =>
        AnyTimestamp(metadata) || metadata.Timestamp.Ticks == storedTicks;
}
