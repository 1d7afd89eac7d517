using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Win32.SafeHandles;

namespace Orchestrator.State;

/// <summary>
/// An exclusive <c>flock(2)</c> on <c>daemon.lock</c> in the state directory, held for the daemon's life, so two daemons
/// never adopt the same processes or write the same journal. The file names the holder (pid, control socket).
/// </summary>
/// <remarks>
/// Opened with libc's <c>open</c> rather than .NET's: .NET takes its own advisory flock on every file it opens, so a
/// second daemon could not even read who holds the lock. <c>O_CLOEXEC</c> keeps app processes from inheriting the
/// descriptor (an app would otherwise hold the lock after the daemon died). The kernel drops the lock when the
/// daemon exits, even by SIGKILL; the file itself stays (deleting a lock file races with the next daemon).
/// </remarks>
internal sealed class StateLock : IDisposable
{
    private const int O_RDWR = 0x2;
    private const int O_CREAT = 0x40;
    private const int O_CLOEXEC = 0x80000;
    private const int LOCK_EX = 2;
    private const int LOCK_NB = 4;
    private const int EWOULDBLOCK = 11;
    private const int EINTR = 4;

    private readonly SafeFileHandle _handle;

    private StateLock(SafeFileHandle handle) => _handle = handle;

    /// <summary>Takes the lock and writes this daemon's pid and control socket into the file.</summary>
    /// <exception cref="StateDirectoryInUseException">Another daemon holds it.</exception>
    public static StateLock Acquire(StateDirectory state, string controlSocketPath)
    {
        var holder = new LockHolder(Environment.ProcessId, controlSocketPath).ToString();
        return TryAcquire(state.LockPath, holder, out var existing)
            ?? throw new StateDirectoryInUseException(state.Path, LockHolder.Parse(existing));
    }

    /// <summary>
    /// Takes the lock on <paramref name="path"/> and writes <paramref name="holder"/> into it; null when another process
    /// holds it, with what that one wrote in <paramref name="existingHolder"/>.
    /// </summary>
    public static StateLock? TryAcquire(string path, string holder, out string existingHolder)
    {
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException(StateDirectory.UnixOnly);
        }

        existingHolder = "";
        var fd = Open(path, O_RDWR | O_CREAT | O_CLOEXEC, (int)StateDirectory.FileMode);
        if (fd < 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            throw new IOException($"cannot open the lock {path}: {Marshal.GetPInvokeErrorMessage(errno)} (errno {errno})");
        }

        var handle = new SafeFileHandle(fd, ownsHandle: true);
        try
        {
            File.SetUnixFileMode(path, StateDirectory.FileMode);
            int result;
            int error;
            do
            {
                result = Flock(fd, LOCK_EX | LOCK_NB);
                error = result < 0 ? Marshal.GetLastPInvokeError() : 0;
            }
            while (result < 0 && error == EINTR);

            if (result < 0)
            {
                if (error != EWOULDBLOCK)
                {
                    throw new IOException($"cannot lock {path}: {Marshal.GetPInvokeErrorMessage(error)} (errno {error})");
                }

                existingHolder = ReadAll(handle);
                handle.Dispose();
                return null;
            }

            var bytes = Encoding.UTF8.GetBytes(holder);
            RandomAccess.SetLength(handle, 0);
            RandomAccess.Write(handle, bytes, 0);
            return new StateLock(handle);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    /// <summary>Closing the descriptor releases the lock.</summary>
    public void Dispose() => _handle.Dispose();

    private static string ReadAll(SafeFileHandle handle)
    {
        var buffer = new byte[4096];
        var read = RandomAccess.Read(handle, buffer, 0);
        return Encoding.UTF8.GetString(buffer, 0, read);
    }

    // DllImport, not LibraryImport: the generated stubs need AllowUnsafeBlocks; open's mode is its one variadic int.
    [DllImport("libc", EntryPoint = "open", SetLastError = true)]
    private static extern int Open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags, int mode);

    [DllImport("libc", EntryPoint = "flock", SetLastError = true)]
    private static extern int Flock(int fd, int operation);
}

/// <summary>Who holds the state lock, as written in <c>daemon.lock</c>: <c>pid N</c> and <c>control PATH</c> lines.</summary>
internal sealed record LockHolder(int? Pid, string? ControlSocket)
{
    public static LockHolder Parse(string text)
    {
        int? pid = null;
        string? control = null;
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (line.StartsWith("pid ", StringComparison.Ordinal) && int.TryParse(line[4..], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value))
            {
                pid = value;
            }
            else if (line.StartsWith("control ", StringComparison.Ordinal))
            {
                control = line[8..];
            }
        }

        return new LockHolder(pid, control);
    }

    public override string ToString() => $"pid {Pid}\ncontrol {ControlSocket}\n";
}

/// <summary>Another daemon holds the state directory's lock.</summary>
internal sealed class StateDirectoryInUseException(string stateDirectory, LockHolder holder)
    : Exception($"state directory {stateDirectory} is in use by orch daemon pid {holder.Pid?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "(unknown)"} " +
        $"(control socket {holder.ControlSocket ?? "(unknown)"}); stop it (`orch shutdown --control {holder.ControlSocket ?? "PATH"}`) or use another --state-dir")
{
    public LockHolder Holder { get; } = holder;
}
