using System.Runtime.InteropServices;

namespace Orchestrator.Cli.HandOff;

/// <summary><c>execv(2)</c>: this process becomes another program, keeping its pid, its terminal and its environment.</summary>
internal static class Exec
{
    /// <summary>Replaces this process with <paramref name="command"/>; returns only by throwing.</summary>
    public static void Replace(IReadOnlyList<string> command, IReadOnlyList<string> args)
    {
        Console.Out.Flush();
        Console.Error.Flush();
        var argv = new IntPtr[command.Count + args.Count + 1];
        try
        {
            var i = 0;
            foreach (var part in command.Concat(args))
            {
                argv[i++] = Marshal.StringToCoTaskMemUTF8(part);
            }

            Execv(argv[0], argv);
            var errno = Marshal.GetLastPInvokeError();
            throw new InvalidOperationException($"cannot run {command[0]}: {Marshal.GetPInvokeErrorMessage(errno)} (errno {errno})");
        }
        finally
        {
            foreach (var pointer in argv)
            {
                Marshal.FreeCoTaskMem(pointer);
            }
        }
    }

    // DllImport, not LibraryImport: the generated stub needs AllowUnsafeBlocks; a blittable pointer array needs no marshalling.
    [DllImport("libc", EntryPoint = "execv", SetLastError = true)]
    private static extern int Execv(IntPtr path, IntPtr[] argv);
}
