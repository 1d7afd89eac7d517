namespace Orchestrator.Persistence.Query;

/// <summary>A stored event and its offset in the queries by tag.</summary>
internal sealed record EventAtOffset(long Offset, StoredEvent Event);

/// <summary>
/// One read of a tag's events: those still stored, where the next read starts, and whether the read got as many
/// as it asked for (so more may follow at once).
/// </summary>
internal sealed record TaggedPage(IReadOnlyList<EventAtOffset> Events, long Next, bool Full);
