using System.Globalization;
using System.Text;
using Orchestrator.State;

namespace Orchestrator.Actors.Processes;

/// <summary>
/// Finds processes a stop missed: every process an app starts inherits the variables orch injected
/// (<c>ORCH_APP</c>, <c>ORCH_DEPLOYMENT_ID</c>, <c>ORCH_PROCESS_ID</c>, <c>ORCH_RELEASE_PATH</c>), so a live process
/// whose <c>/proc/&lt;pid&gt;/environ</c> holds all four of a spec's values descends from that spec's process,
/// even after it left the process group with <c>setsid</c>.
/// </summary>
internal static class ProcessSurvivors
{
    private static readonly string[] Markers = ["ORCH_APP", "ORCH_DEPLOYMENT_ID", "ORCH_PROCESS_ID", "ORCH_RELEASE_PATH"];

    /// <summary>The live (non-zombie) pids that carry <paramref name="spec"/>'s markers, lowest first.</summary>
    public static IReadOnlyList<int> Find(ProcessSpec spec)
    {
        var wanted = Markers.Where(spec.Environment.ContainsKey).Select(m => $"{m}={spec.Environment[m]}").ToList();
        if (wanted.Count < 3)
        {
            return [];
        }

        var found = new List<int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(System.IO.Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
                && pid != Environment.ProcessId
                && HasAll(pid, wanted)
                && ProcStat.Read(pid) is not null)
            {
                found.Add(pid);
            }
        }

        found.Sort();
        return found;
    }

    private static bool HasAll(int pid, List<string> wanted)
    {
        try
        {
            var entries = Encoding.UTF8.GetString(File.ReadAllBytes($"/proc/{pid}/environ")).Split('\0').ToHashSet(StringComparer.Ordinal);
            return wanted.All(entries.Contains);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
