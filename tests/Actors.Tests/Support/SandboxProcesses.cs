using System.Globalization;
using Orchestrator.Actors.Processes;

namespace Orchestrator.Actors.Tests.Support;

/// <summary>
/// The safety net after a spec: every process whose <c>ORCH_RELEASE_PATH</c> lies under the sandbox is killed with its
/// group. Only this test's processes carry that path, so nothing else on the machine is touched.
/// </summary>
internal static class SandboxProcesses
{
    public static IReadOnlyList<int> Find(string root)
    {
        var marker = "ORCH_RELEASE_PATH=" + root;
        var found = new List<int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }

            try
            {
                var environment = File.ReadAllText(Path.Combine(dir, "environ"));
                if (environment.Split('\0').Any(v => v.StartsWith(marker, StringComparison.Ordinal)))
                {
                    found.Add(pid);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // The process ended while we looked, or is not ours to read: either way not one of ours to kill.
            }
        }

        return found;
    }

    public static void KillAll(string root)
    {
        foreach (var pid in Find(root))
        {
            Kill(pid);
        }
    }

    public static void Kill(int pid)
    {
        PosixSignals.SignalGroup(pid, PosixSignals.SIGKILL);
        PosixSignals.Signal(pid, PosixSignals.SIGKILL);
    }
}
