namespace Orchestrator.Bench.Cluster;

/// <summary>
/// The safety net: kills every process whose working directory, command line or environment names the run's root
/// (app processes a SIGKILLed worker left running, edge routers' orch-router processes, anything a crash left).
/// </summary>
internal static class Leftovers
{
    public static int KillUnder(string root)
    {
        root = root.TrimEnd('/') + "/";
        var killed = 0;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid) || pid == Environment.ProcessId)
            {
                continue;
            }

            try
            {
                if (Names(dir, root))
                {
                    using var process = System.Diagnostics.Process.GetProcessById(pid);
                    process.Kill(entireProcessTree: true);
                    killed++;
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
            {
                // Gone already, or not ours to read.
            }
        }

        return killed;
    }

    private static bool Names(string dir, string root)
    {
        var cwd = new FileInfo(Path.Combine(dir, "cwd")).LinkTarget;
        if (cwd is not null && (cwd + "/").StartsWith(root, StringComparison.Ordinal))
        {
            return true;
        }

        return File.ReadAllText(Path.Combine(dir, "cmdline")).Contains(root, StringComparison.Ordinal)
            || File.ReadAllText(Path.Combine(dir, "environ")).Contains(root, StringComparison.Ordinal);
    }
}
