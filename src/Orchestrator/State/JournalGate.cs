namespace Orchestrator.State;

/// <summary>
/// Whether the daemon may start on the SQLite journal it found: a damaged journal never starts (the daemon would
/// serve nothing and orphan the running apps), and an empty one starts only when nothing says there was one.
/// </summary>
internal static class JournalGate
{
    /// <summary>Null when the daemon may start; else why not and what to do, naming the files.</summary>
    /// <param name="backup">What the backup holds, or null when there is none.</param>
    /// <param name="livePids">App processes started from this state directory that still run.</param>
    public static string? Refusal(
        StateDirectory state, JournalInspection journal, JournalInspection? backup, IReadOnlyList<int> livePids, bool acceptEmptyJournal)
    {
        var restore = backup is { Condition: JournalCondition.Readable }
            ? $"restore the backup ({backup.Events} events): remove the old journal's log (`rm -f {state.JournalPath}-wal {state.JournalPath}-shm`), " +
                $"`cp {state.BackupPath} {state.JournalPath}`, then start again"
            : $"there is no sound backup at {state.BackupPath} to restore";
        switch (journal.Condition)
        {
            case JournalCondition.Damaged:
                return $"journal {state.JournalPath} cannot be read ({journal.Detail}). Nothing was started and no app process was touched. " +
                    $"Either {restore}; or move it away (`mv {state.JournalPath} {state.JournalPath}.damaged`) to start with an empty journal " +
                    "(apps still running from it are then no longer managed, and the daemon asks for --accept-empty-journal).";

            case JournalCondition.Empty when !acceptEmptyJournal && livePids.Count > 0:
                return $"journal {state.JournalPath} is missing its history ({journal.Detail}), but app processes started from " +
                    $"{state.Path} still run (pids {string.Join(", ", livePids)}): an empty journal would orphan them. " +
                    $"Either {restore}; or pass --accept-empty-journal to start empty and leave those processes unmanaged (stop them yourself).";

            case JournalCondition.Empty when !acceptEmptyJournal && backup is { Condition: JournalCondition.Readable, Events: > 0 }:
                return $"journal {state.JournalPath} is missing its history ({journal.Detail}), but its backup holds {backup.Events} events. " +
                    $"Either {restore}; or pass --accept-empty-journal to start empty.";

            default:
                return null;
        }
    }
}
