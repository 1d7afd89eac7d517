using Microsoft.Data.Sqlite;

namespace Orchestrator.State;

/// <summary>
/// A copy of the SQLite journal taken with SQLite's online backup (consistent while the daemon writes), next to it
/// as <c>journal.db.backup</c>, 0600. Written to a temporary file, checked, then renamed over the last backup, so a
/// failed or damaged copy never replaces a good one.
/// </summary>
internal static class JournalBackup
{
    private const string TemporarySuffix = ".tmp";

    /// <summary>Copies <paramref name="journalPath"/> to <paramref name="backupPath"/>; returns what the copy holds.</summary>
    /// <exception cref="IOException">The copy could not be taken or is not sound; the previous backup is kept.</exception>
    public static JournalInspection Take(string journalPath, string backupPath)
    {
        var temporary = backupPath + TemporarySuffix;
        File.Delete(temporary);
        StateDirectory.CreateOwnerOnlyFile(temporary);
        try
        {
            using (var source = Open(journalPath, SqliteOpenMode.ReadOnly))
            using (var destination = Open(temporary, SqliteOpenMode.ReadWrite))
            {
                source.Open();
                destination.Open();
                source.BackupDatabase(destination);
            }

            var copy = JournalInspection.Inspect(temporary);
            if (copy.Condition != JournalCondition.Readable)
            {
                throw new IOException($"the backup of {journalPath} is not sound ({copy.Detail}); kept the previous {backupPath}");
            }

            File.Move(temporary, backupPath, overwrite: true);
            return copy;
        }
        catch (SqliteException e)
        {
            throw new IOException($"could not back up {journalPath} to {backupPath}: {e.Message}", e);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    private static SqliteConnection Open(string path, SqliteOpenMode mode) =>
        new(new SqliteConnectionStringBuilder { DataSource = path, Mode = mode, Pooling = false }.ToString());
}
