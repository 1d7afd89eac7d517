using System.Globalization;
using Orchestrator.Config;

namespace Orchestrator.Actors.Processes;

/// <summary>
/// Copy-truncate rotation of a log file that its writers hold open in append mode (an app's <c>&gt;&gt;</c>, the
/// daemon's own output): the file is copied to <c>&lt;name&gt;.1</c> (older ones shifted to <c>.2</c> … <c>.keep</c>,
/// anything beyond dropped) and truncated in place, so every writer goes on at the new end without reopening anything.
/// </summary>
/// <remarks>
/// Copy-truncate loses what is written between the end of the copy and the truncate. Here the bulk is copied first
/// without holding anything; then, under the file's <see cref="LogRotationGate"/>, what was appended meanwhile is
/// copied too and the file is truncated straight after that last read reaches its end. The bytes at risk are those a
/// writer appends in the moment between that read and the truncate (two system calls): usually none, a line or two
/// of a process that writes without pause, more only when the rotating thread is descheduled right there. A line cut by the rotation ends <c>.1</c> and begins the
/// live file.
/// </remarks>
internal static class LogRotator
{
    private const int CopyBuffer = 64 * 1024;
    private const string PartialSuffix = ".rotating";

    /// <summary>The size of the live file: rotate when it is at least <see cref="LogsConfig.MaxSize"/>.</summary>
    public static long SizeOf(string path) => File.Exists(path) ? new FileInfo(path).Length : 0;

    /// <summary>Rotates <paramref name="path"/> when it has reached the limit; returns the bytes moved to <c>.1</c> (0: not rotated).</summary>
    /// <exception cref="IOException">The copy or a rename failed; the live file is then left as it was.</exception>
    public static long RotateIfFull(string path, LogsConfig limits) =>
        SizeOf(path) >= limits.MaxSize ? Rotate(path, limits.Keep) : 0;

    /// <summary>Rotates <paramref name="path"/> now, keeping <paramref name="keep"/> rotated files; returns the bytes moved.</summary>
    public static long Rotate(string path, int keep)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(keep, 1);
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException(OwnerOnly.UnixOnly);
        }

        var full = Path.GetFullPath(path);
        var partial = full + PartialSuffix;
        var gate = LogRotationGate.For(full);
        using var live = new FileStream(full, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete, bufferSize: 0);
        using (var copy = new FileStream(partial, new FileStreamOptions
        {
            Mode = FileMode.Create,
            Access = FileAccess.Write,
            Share = FileShare.None,
            UnixCreateMode = OwnerOnly.FileMode,
        }))
        {
            live.CopyTo(copy, CopyBuffer);
            lock (gate.Lock)
            {
                // What was appended during the bulk copy, then the truncate right after this read finds the end.
                live.CopyTo(copy, CopyBuffer);
                copy.Flush();
                live.SetLength(0);
                Shift(full, keep);
                File.Move(partial, Numbered(full, 1), overwrite: true);
                gate.Rotated();
                return copy.Length;
            }
        }
    }

    /// <summary><c>.keep</c> and anything beyond it (left by a larger <c>keep</c>) go; <c>.n</c> becomes <c>.n+1</c>.</summary>
    private static void Shift(string path, int keep)
    {
        foreach (var stale in RotatedFiles(path).Where(r => r.Number >= keep))
        {
            File.Delete(stale.Path);
        }

        for (var n = keep - 1; n >= 1; n--)
        {
            if (File.Exists(Numbered(path, n)))
            {
                File.Move(Numbered(path, n), Numbered(path, n + 1), overwrite: true);
            }
        }
    }

    /// <summary><c>&lt;path&gt;.n</c>: the n-th newest rotated copy.</summary>
    public static string Numbered(string path, int n) => $"{path}.{n}";

    /// <summary>The rotated copies of <paramref name="path"/> on disk, newest first.</summary>
    public static IReadOnlyList<(int Number, string Path)> RotatedFiles(string path)
    {
        var full = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(full)!;
        var prefix = Path.GetFileName(full) + ".";
        if (!Directory.Exists(directory))
        {
            return [];
        }

        // Filtered by hand: the pattern "name.*" also matches "name" itself (DOS rules).
        return [.. Directory.EnumerateFiles(directory, prefix + "*")
            .Where(f => Path.GetFileName(f).Length > prefix.Length)
            .Select(f => (Number: int.TryParse(Path.GetFileName(f)[prefix.Length..], NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : 0, Path: f))
            .Where(r => r.Number > 0)
            .OrderBy(r => r.Number)];
    }
}
