namespace Orchestrator.State;

/// <summary>Published on the event stream after the SQLite snapshot store saved a snapshot.</summary>
internal sealed record JournalSnapshotSaved
{
    public static readonly JournalSnapshotSaved Instance = new();
}

/// <summary>The backup delay passed: copy the journal now.</summary>
internal sealed record JournalBackupDue
{
    public static readonly JournalBackupDue Instance = new();
}

/// <summary>A backup finished: what it holds, or why it failed.</summary>
internal sealed record JournalBackupDone(JournalInspection? Copy, string? Error);
