using System.Runtime.InteropServices;

namespace Orchestrator.Railway.Fake.Runtime;

/// <summary><c>kill(2)</c> for SIGTERM, which .NET's <c>Process</c> cannot send.</summary>
internal static class PosixSignal
{
    private const int SigTerm = 15;

    /// <summary>Asks <paramref name="pid"/> to stop; a process already gone is not an error.</summary>
    public static void Terminate(int pid)
    {
        // 0, -1 and 1 would signal our own group, every process, or init.
        if (pid > 1)
            _ = Kill(pid, SigTerm);
    }

    // DllImport, not LibraryImport: the generated stub needs AllowUnsafeBlocks, and an int-only signature needs no marshalling.
    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
