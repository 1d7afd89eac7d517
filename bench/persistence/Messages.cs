namespace Orchestrator.Bench.Persistence;

/// <summary>Persist up to <paramref name="Count"/> events one after another, stopping early at <paramref name="Deadline"/>; replies <see cref="Written"/>.</summary>
internal sealed record Write(int Count, DateTime Deadline);

internal sealed record Written(int Count);

/// <summary>Save the current count as a snapshot; replies <see cref="SnapshotSaved"/>.</summary>
internal sealed record TakeSnapshot;

internal sealed record SnapshotSaved;

/// <summary>Replies with the count of events recovered and persisted; answered only after recovery, so asking it times recovery.</summary>
internal sealed record GetCount;
