namespace Orchestrator;

/// <summary>Directories and files that only their owner may open, whatever the umask: the state directory and what is in it.</summary>
public static class OwnerOnly
{
    public const UnixFileMode DirectoryMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    public const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Why a Windows build cannot keep a state directory: its modes are unix file modes.</summary>
    public const string UnixOnly = "the state directory's owner-only modes need a unix file system";

    /// <summary>Creates the directory 0700, or takes an existing one back to 0700.</summary>
    public static void CreateDirectory(string directory)
    {
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException(UnixOnly);
        }

        Directory.CreateDirectory(directory, DirectoryMode);
        File.SetUnixFileMode(directory, DirectoryMode);
    }

    /// <summary>Creates <paramref name="path"/> empty with mode 0600 unless it exists; an existing one is set to 0600.</summary>
    public static void CreateFile(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException(UnixOnly);
        }

        using (File.Open(path, new FileStreamOptions { Mode = System.IO.FileMode.OpenOrCreate, Access = FileAccess.Write, UnixCreateMode = FileMode }))
        {
        }

        File.SetUnixFileMode(path, FileMode);
    }
}
