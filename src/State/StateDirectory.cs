namespace Orchestrator.State;

/// <summary>
/// The state directory and the files the daemon keeps in it, owner-only whatever the umask: the directory 0700, the
/// journal (with SQLite's side files), its backup, the lock and the logs 0600.
/// </summary>
/// <remarks>The journal holds every deploy's config text, env values such as passwords included.</remarks>
internal sealed class StateDirectory
{
    public const UnixFileMode DirectoryMode = OwnerOnly.DirectoryMode;
    public const UnixFileMode FileMode = OwnerOnly.FileMode;
    public const string UnixOnly = OwnerOnly.UnixOnly;

    /// <summary>SQLite's rollback journal and WAL files; it gives them the mode of the database file.</summary>
    private static readonly string[] JournalSideFiles = ["-journal", "-wal", "-shm"];

    public StateDirectory(string path) => Path = System.IO.Path.GetFullPath(path);

    public string Path { get; }
    public string JournalPath => System.IO.Path.Combine(Path, Defaults.JournalFileName);
    public string BackupPath => System.IO.Path.Combine(Path, Defaults.JournalBackupFileName);
    public string LockPath => System.IO.Path.Combine(Path, Defaults.StateLockFileName);
    public string LogsPath => System.IO.Path.Combine(Path, Defaults.LogsDirectoryName);
    public string DaemonLogPath => System.IO.Path.Combine(Path, Defaults.DaemonLogFileName);

    public static void CreateOwnerOnly(string directory) => OwnerOnly.CreateDirectory(directory);

    public static void CreateOwnerOnlyFile(string path) => OwnerOnly.CreateFile(path);

    /// <summary>The directory itself 0700, before anything is written into it.</summary>
    public void Create() => CreateOwnerOnly(Path);

    /// <summary>
    /// Pre-creates the journal 0600 (SQLite would create it 0644 minus the umask) and takes every file already there,
    /// logs included, back to owner-only: a state directory written by an older daemon or under another umask.
    /// </summary>
    public void SecureFiles(bool embeddedJournal)
    {
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException(UnixOnly);
        }

        if (embeddedJournal)
        {
            CreateOwnerOnlyFile(JournalPath);
        }

        foreach (var file in JournalSideFiles.Select(suffix => JournalPath + suffix).Append(BackupPath).Append(DaemonLogPath).Where(File.Exists))
        {
            File.SetUnixFileMode(file, FileMode);
        }

        if (Directory.Exists(LogsPath))
        {
            File.SetUnixFileMode(LogsPath, DirectoryMode);
            foreach (var directory in Directory.EnumerateDirectories(LogsPath, "*", SearchOption.AllDirectories))
            {
                File.SetUnixFileMode(directory, DirectoryMode);
            }

            foreach (var file in Directory.EnumerateFiles(LogsPath, "*", SearchOption.AllDirectories))
            {
                File.SetUnixFileMode(file, FileMode);
            }
        }
    }
}
