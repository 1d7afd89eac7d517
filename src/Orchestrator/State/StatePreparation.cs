using Orchestrator.Actors;
using Orchestrator.Hosting;

namespace Orchestrator.State;

/// <summary>
/// Everything the daemon checks and secures before it binds its socket or starts an actor: the state directory
/// (0700), its lock, the journal (readable, or empty only when nothing says it held something), the file modes,
/// and a fresh backup of a sound SQLite journal.
/// </summary>
internal static class StatePreparation
{
    /// <summary>Returns the state lock, held until disposed.</summary>
    /// <exception cref="StateDirectoryInUseException">Another daemon runs on this state directory.</exception>
    /// <exception cref="StartRefusedException">The journal is damaged, lost while apps run, or (Redis) does not answer.</exception>
    public static async Task<StateLock> PrepareAsync(NodeOptions options, TextWriter warnings)
    {
        var state = new StateDirectory(options.StateDirectory);
        state.Create();
        var held = StateLock.Acquire(state, options.ControlSocketPath);
        try
        {
            if (options.Journal.IsRedis)
            {
                if (await RedisJournalProbe.ProblemAsync(options.Journal, Defaults.RedisJournalStartTimeout).ConfigureAwait(false) is { } problem)
                {
                    throw new StartRefusedException(problem);
                }

                state.SecureFiles(embeddedJournal: false);
                return held;
            }

            var journal = JournalInspection.Inspect(state.JournalPath);
            var backup = File.Exists(state.BackupPath) ? JournalInspection.Inspect(state.BackupPath) : null;
            var live = journal.Condition == JournalCondition.Empty ? LiveAppProcesses.Under(state.LogsPath) : [];
            if (JournalGate.Refusal(state, journal, backup, live, options.AcceptEmptyJournal) is { } refusal)
            {
                throw new StartRefusedException(refusal);
            }

            if (live.Count > 0)
            {
                await warnings.WriteLineAsync(
                    $"warning: --accept-empty-journal: starting with an empty journal; pids {string.Join(", ", live)} keep running unmanaged").ConfigureAwait(false);
            }

            if (journal.Condition == JournalCondition.Empty && backup is { Condition: JournalCondition.Readable, Events: > 0 })
            {
                // The empty journal's own backups would replace it: keep the history the operator chose not to restore.
                var kept = $"{state.BackupPath}.before-empty-{DateTime.UtcNow:yyyyMMddHHmmss}";
                File.Move(state.BackupPath, kept);
                await warnings.WriteLineAsync($"warning: --accept-empty-journal: the previous backup ({backup.Events} events) is kept as {kept}").ConfigureAwait(false);
            }

            state.SecureFiles(embeddedJournal: true);
            if (journal.Condition == JournalCondition.Readable)
            {
                TakeBackup(state, warnings);
            }

            return held;
        }
        catch
        {
            held.Dispose();
            throw;
        }
    }

    /// <summary>Backs a sound SQLite journal up; a failure is a warning (the journal itself is fine).</summary>
    public static void TakeBackup(StateDirectory state, TextWriter warnings)
    {
        try
        {
            JournalBackup.Take(state.JournalPath, state.BackupPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            warnings.WriteLine($"warning: {e.Message}");
        }
    }
}
