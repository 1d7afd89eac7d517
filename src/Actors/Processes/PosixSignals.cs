using System.Runtime.InteropServices;
using Orchestrator.Config;

namespace Orchestrator.Actors.Processes;

/// <summary>The few POSIX signal calls a process supervisor needs: <c>kill(2)</c> on a pid or a process group.</summary>
internal static class PosixSignals
{
    public const int SIGTERM = 15;
    public const int SIGKILL = 9;
    public const int SIGCONT = 18;
    public const int SIGSTOP = 19;

    private const int ESRCH = 3;

    /// <summary>Sends <paramref name="signal"/> to every process of the group; false when the group is already gone.</summary>
    public static bool SignalGroup(int pgid, int signal) => Send(-pgid, signal);

    /// <summary>Sends <paramref name="signal"/> to one process; false when it is already gone.</summary>
    public static bool Signal(int pid, int signal) => Send(pid, signal);

    /// <summary>The Linux name of a signal number (<c>9</c> is <c>SIGKILL</c>), or <c>SIG&lt;n&gt;</c>.</summary>
    public static string Name(int signal) => SignalNames.Name(signal);

    private static bool Send(int target, int signal)
    {
        if (target is 0 or -1 or 1)
        {
            // kill(0|-1|1, …) would hit our own group, every process, or init: never a supervised app.
            throw new ArgumentOutOfRangeException(nameof(target), target, "refusing to signal a special pid");
        }

        if (Kill(target, signal) == 0)
        {
            return true;
        }

        var errno = Marshal.GetLastPInvokeError();
        return errno == ESRCH
            ? false
            : throw new InvalidOperationException(
                $"kill({target}, {Name(signal)}) failed: {Marshal.GetPInvokeErrorMessage(errno)} (errno {errno})");
    }

    // DllImport, not LibraryImport: the generated stub needs AllowUnsafeBlocks, and an int-only signature needs no marshalling.
    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int sig);
}
