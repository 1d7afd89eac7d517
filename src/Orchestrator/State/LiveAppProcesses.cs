using System.Globalization;
using Orchestrator.Actors.Processes;

namespace Orchestrator.State;

/// <summary>
/// The app processes started from a state directory that still run: every process the launcher starts carries
/// <c>ORCH_LOG_FILE</c> pointing into that directory's logs, so <c>/proc/*/environ</c> tells them apart.
/// </summary>
internal static class LiveAppProcesses
{
    private const string ProcDirectory = "/proc";

    /// <summary>Pids, ascending, of the processes whose log file lies under <paramref name="logsDirectory"/>.</summary>
    public static IReadOnlyList<int> Under(string logsDirectory)
    {
        var prefix = $"{ProcessLauncher.LogFileVariable}={Path.TrimEndingDirectorySeparator(Path.GetFullPath(logsDirectory))}/";
        var pids = new List<int>();
        foreach (var entry in Directory.EnumerateDirectories(ProcDirectory))
        {
            if (!int.TryParse(Path.GetFileName(entry), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) || pid == Environment.ProcessId)
            {
                continue;
            }

            if (ReadEnvironment(entry) is { } environment && environment.Split('\0').Any(v => v.StartsWith(prefix, StringComparison.Ordinal)))
            {
                pids.Add(pid);
            }
        }

        pids.Sort();
        return pids;
    }

    private static string? ReadEnvironment(string processDirectory)
    {
        try
        {
            return File.ReadAllText(Path.Combine(processDirectory, "environ"));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Gone meanwhile, a kernel thread, or another user's process (not ours to adopt anyway).
            return null;
        }
    }
}
