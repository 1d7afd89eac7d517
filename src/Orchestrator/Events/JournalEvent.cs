namespace Orchestrator.Events;

/// <summary>One event as the read journal returns it: where it is stored, when it was written, and the event itself.</summary>
internal sealed record JournalEvent(string PersistenceId, long SequenceNr, DateTimeOffset WrittenAt, object Event);
