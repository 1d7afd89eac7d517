namespace Orchestrator.Integration.Tests.Harness;

/// <summary>The safety net of every test: kills processes whose working directory lies under a test's root.</summary>
internal static class LeftoverProcesses
{
    public static void KillUnder(string root)
    {
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid) || pid == Environment.ProcessId)
            {
                continue;
            }

            try
            {
                var cwd = new FileInfo(Path.Combine(dir, "cwd")).LinkTarget;
                if (cwd is not null && cwd.StartsWith(root, StringComparison.Ordinal))
                {
                    System.Diagnostics.Process.GetProcessById(pid).Kill(entireProcessTree: true);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or InvalidOperationException)
            {
                // Gone already, or not ours to read.
            }
        }
    }
}
